package assess

import "testing"

func TestShownDelta(t *testing.T) {
	for _, tt := range []struct{ old, new, want float64 }{
		{43.54, 44.71, 1.2}, // 43.5 -> 44.7, not the unrounded 1.17 -> 1.2 shown as 1.3 elsewhere
		{52.34, 69.56, 17.3},
		{37.04, 38.46, 1.5},
		{43.54, 43.51, 0},
		{43.55, 43.44, -0.2},
		{0, 100, 100},
	} {
		if got := ShownDelta(tt.old, tt.new); got != tt.want {
			t.Errorf("ShownDelta(%v, %v) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

// A drop too small to show in the printed scores is not a regression; one
// that shows is, and is named.
func TestRegressionAtPrintedPrecision(t *testing.T) {
	side := func(overall, sec float64) *Result {
		return &Result{Overall: overall, Sections: []SectionScore{{ID: "6", Title: "Planning", Score: sec, Applicable: 1, Total: 1}}}
	}
	if c := Compare(side(50.04, 43.54), side(50.01, 43.51)); c.Regressed() {
		t.Errorf("43.54 -> 43.51 (both 43.5 printed) counted as a regression: %+v", c.Sections)
	}
	c := Compare(side(50, 43.55), side(50, 43.44))
	if !c.Regressed() || len(c.Regressions()) != 1 || c.Regressions()[0].Delta != -0.2 {
		t.Errorf("43.6 -> 43.4 not reported as down 0.2: %+v", c.Regressions())
	}
}

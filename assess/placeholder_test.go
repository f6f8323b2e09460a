package assess

import (
	"regexp"
	"testing"
)

// hasPlaceholder matches what the regexp it replaced matched.
func TestHasPlaceholder(t *testing.T) {
	re := regexp.MustCompile(`(?i)\b(tbd|todo|tbc|fixme|xxx)\b`)
	for _, s := range []string{"TBD", "reason: tbd.", "todo_list", "xtodo", "TODOs", "see (FIXME)", "xxx", "xxxx", "tbdé", "é tbc", "to do", "", "fixme1", "_tbd", "a-tbd-b"} {
		if got, want := hasPlaceholder(s), re.MatchString(s); got != want {
			t.Errorf("hasPlaceholder(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

func FuzzHasPlaceholder(f *testing.F) {
	re := regexp.MustCompile(`(?i)\b(tbd|todo|tbc|fixme|xxx)\b`)
	f.Add("We will decide later (TBD).")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasPlaceholder(s), re.MatchString(s); got != want {
			t.Errorf("hasPlaceholder(%q) = %v, regexp says %v", s, got, want)
		}
	})
}

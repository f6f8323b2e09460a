package assess

import (
	"regexp"
	"strconv"
	"testing"
)

// FuzzEvidencePatterns holds the written-out checks of evidence.go to the
// regular expressions they replace.
func FuzzEvidencePatterns(f *testing.F) {
	url := regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://\S`)
	id := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)
	sha := regexp.MustCompile(`^[0-9a-f]{64}$`)
	gen := regexp.MustCompile(`^E-(\d{1,9})$`)
	for _, s := range []string{
		"", "https://example.com/x", "http://", "http:// x", "http://\tx", "http://\vx", "a+b.c-d://x", "1http://x",
		"+a://x", "a://\u00e9", "a://\xff", "ht tp://x", "://x", "https:/x", "file:///etc", "docs/policy.pdf",
		"E-001", "E-0", "E-", "E-123456789", "E-1234567890", "E-12a", "e-1", "E-١٢", "x", "_x", "a.b_c-d",
		"a234567890123456789012345678901234567890", "a2345678901234567890123456789012345678901", "ab\n", "é",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsURL(s), url.MatchString(s); got != want {
			t.Errorf("IsURL(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := validEvidenceID(s), id.MatchString(s); got != want {
			t.Errorf("validEvidenceID(%q) = %v, the expression says %v", s, got, want)
		}
		if got, want := validSHA256(s), sha.MatchString(s); got != want {
			t.Errorf("validSHA256(%q) = %v, the expression says %v", s, got, want)
		}
		n, ok := generatedNumber(s)
		want, wantOK := 0, false
		if m := gen.FindStringSubmatch(s); m != nil {
			if v, err := strconv.Atoi(m[1]); err == nil {
				want, wantOK = v, true
			}
		}
		if n != want || ok != wantOK {
			t.Errorf("generatedNumber(%q) = %d, %v; the expression says %d, %v", s, n, ok, want, wantOK)
		}
	})
}

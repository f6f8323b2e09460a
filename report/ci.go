package report

import (
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
)

// ScoreSchema versions the JSON of `aimsready score --format json`.
const ScoreSchema = "aimsready.score/v2"

type scoreJSON struct {
	Schema         string   `json:"schema"`
	Catalog        string   `json:"catalog"`
	AnswersCatalog string   `json:"answers_catalog"`
	Profile        string   `json:"profile"`
	Organization   string   `json:"organization"`
	Date           string   `json:"date"`
	Overall        float64  `json:"overall"`
	Documentation  *float64 `json:"documentation_readiness"`  // null when no document criterion is in scope
	Implementation *float64 `json:"implementation_readiness"` // null when no practice or record criterion is in scope
	// EvidenceCoverage is the weighted share of the criteria met that
	// reviewed, current evidence backs; null when nothing is met.
	EvidenceCoverage *float64         `json:"evidence_coverage"`
	Thresholds       thresholdsJSON   `json:"thresholds"`
	Verdict          verdictJSON      `json:"verdict"`
	Sections         []sectionJSON    `json:"sections"`
	Blockers         []blockerJSON    `json:"blockers"`
	Phases           []phaseJSON      `json:"phases"`
	Workstreams      []workstreamJSON `json:"workstreams"`
	Fixes            []fixJSON        `json:"fixes"`
	Overdue          []string         `json:"overdue"` // fix ids past due on the --as-of date
	NotAssessed      []string         `json:"not_assessed"`
	Excluded         []string         `json:"excluded"`
	SoAMissing       []string         `json:"soa_missing"`
	SoAUnjustified   []string         `json:"soa_unjustified"`
	SoAGeneric       []string         `json:"soa_generic_exclusions"`
	Questions        []questionJSON   `json:"questions"`
	Disclaimer       string           `json:"disclaimer"`
}

type thresholdsJSON struct {
	Implementation float64 `json:"implementation"`
	ClauseFloor    float64 `json:"clause_floor"`
	Evidence       float64 `json:"evidence_coverage"`
}

type verdictJSON struct {
	Level   int      `json:"level"` // 0 snapshot, 1 not ready, 2 Stage 1 only, 3 Stage 1 and 2
	Label   string   `json:"label"`
	Stage1  bool     `json:"ready_for_stage1"`
	Stage2  bool     `json:"ready_for_stage2"`
	Reason  string   `json:"reason"`
	Reasons []string `json:"reasons"`
}

type sectionJSON struct {
	ID               string   `json:"id"`
	Title            string   `json:"title"`
	Kind             string   `json:"kind"`
	Score            *float64 `json:"score"` // null when every question was excluded
	Documentation    *float64 `json:"documentation_readiness"`
	Implementation   *float64 `json:"implementation_readiness"`
	EvidenceCoverage *float64 `json:"evidence_coverage"`
	Answered         int      `json:"answered"`
	Total            int      `json:"total"`
	Excluded         int      `json:"excluded"`
}

type blockerJSON struct {
	Question  string `json:"question"`
	Title     string `json:"title"`
	Criterion string `json:"criterion"`
	Text      string `json:"text"`
	Reason    string `json:"reason"`
	Fix       string `json:"fix"`
}

type phaseJSON struct {
	Phase    int     `json:"phase"`
	Title    string  `json:"title"`
	Fixes    int     `json:"fixes"`
	Blockers int     `json:"blockers"`
	Days     float64 `json:"days"`
	Gain     float64 `json:"gain"`
}

type workstreamJSON struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Fixes int     `json:"fixes"`
	Days  float64 `json:"days"`
	Gain  float64 `json:"gain"`
}

type planJSON struct {
	Owner  string `json:"owner"`
	Due    string `json:"due"`
	Status string `json:"status"`
}

type fixJSON struct {
	ID            string    `json:"id"`
	Rank          int       `json:"rank"`
	Phase         int       `json:"phase"`
	Workstream    string    `json:"workstream"`
	Question      string    `json:"question"`
	QuestionTitle string    `json:"question_title"`
	Criterion     string    `json:"criterion"`
	Evidence      string    `json:"evidence_kind"`
	Text          string    `json:"text"`
	Fix           string    `json:"fix"`
	Cites         []string  `json:"cites"`
	Also          []string  `json:"also_closes"`
	Effort        string    `json:"effort"`
	Days          float64   `json:"days"`
	Importance    float64   `json:"importance"`
	Blocker       bool      `json:"blocker"`
	Assessed      bool      `json:"assessed"`
	Gain          float64   `json:"gain"`
	Plan          *planJSON `json:"plan"`
}

type questionJSON struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Kind   string   `json:"kind"`
	Weight float64  `json:"weight"`
	Status string   `json:"status"`
	Score  float64  `json:"score"`
	Met    []string `json:"met"`
	Unmet  []string `json:"unmet"`
	// Claimed lists the met criteria no reviewed, current evidence backs.
	Claimed []string `json:"claimed"`
}

func readinessJSON(r assess.Readiness) *float64 {
	if !r.Has {
		return nil
	}
	v := Round2(r.Score)
	return &v
}

// WriteScoreJSON writes the machine-readable score for CI jobs and scripts.
func WriteScoreJSON(w io.Writer, res *assess.Result) error {
	v := res.Verdict
	out := scoreJSON{
		Schema: ScoreSchema, Catalog: res.Catalog, AnswersCatalog: res.AnswersFrom, Profile: string(res.Profile),
		Organization: res.Organization, Date: res.Date, Overall: Round2(res.Overall),
		Documentation: readinessJSON(res.Documentation), Implementation: readinessJSON(res.Implementation),
		EvidenceCoverage: readinessJSON(res.EvidenceCoverage),
		Thresholds:       thresholdsJSON{res.Method.ImplementationThreshold, res.Method.ClauseFloor, res.Method.EvidenceThreshold},
		Verdict:          verdictJSON{int(v.Level), v.Label, v.Ready(), v.Level == assess.LevelStage1And2, v.Reason, nonNil(v.Reasons)},
		Sections:         []sectionJSON{}, Blockers: []blockerJSON{}, Phases: []phaseJSON{}, Workstreams: []workstreamJSON{},
		Fixes: []fixJSON{}, Overdue: []string{}, Questions: []questionJSON{},
		NotAssessed: nonNil(res.NotAssessed), Excluded: nonNil(res.Excluded), SoAMissing: nonNil(res.SoAMissing),
		SoAUnjustified: nonNil(res.SoAUnjustified), SoAGeneric: nonNil(res.SoAGeneric), Disclaimer: Disclaimer,
	}
	for _, s := range res.Sections {
		var score *float64
		if s.Scored() {
			v := Round2(s.Score)
			score = &v
		}
		out.Sections = append(out.Sections, sectionJSON{s.ID, s.Title, string(s.Kind), score,
			readinessJSON(s.Documentation), readinessJSON(s.Implementation), readinessJSON(s.EvidenceCoverage), s.Answered, s.Total, s.Excluded})
	}
	for _, b := range res.Blockers {
		out.Blockers = append(out.Blockers, blockerJSON{b.Question, b.Title, b.Criterion, b.Text, b.Reason, b.Fix})
	}
	for _, p := range res.Phases {
		out.Phases = append(out.Phases, phaseJSON{int(p.Phase), p.Phase.Title(), p.Fixes, p.Blockers, p.Days, Round2(p.Gain)})
	}
	for _, ws := range res.Workstreams {
		out.Workstreams = append(out.Workstreams, workstreamJSON{ws.ID, ws.Title, ws.Fixes, ws.Days, Round2(ws.Gain)})
	}
	for _, f := range res.Fixes {
		var plan *planJSON
		if f.Plan != nil {
			plan = &planJSON{f.Plan.Owner, f.Plan.Due, string(f.Plan.Status)}
		}
		out.Fixes = append(out.Fixes, fixJSON{f.ID, f.Rank, int(f.Phase), f.Workstream, f.Question, f.QuestionTitle, f.Criterion,
			string(f.Evidence), f.Text, f.Fix, f.Cites, nonNil(f.Also), string(f.Effort), f.Effort.Days(), Round2(f.Importance),
			f.Blocker, f.Assessed, Round2(f.Gain), plan})
	}
	for _, f := range res.Overdue {
		out.Overdue = append(out.Overdue, f.ID)
	}
	for _, q := range res.Questions {
		out.Questions = append(out.Questions, questionJSON{q.ID, q.Title, q.Kind, q.Weight, string(q.Status), Round2(q.Score), nonNil(q.Met), nonNil(q.Unmet), nonNil(q.Claimed)})
	}
	return writeIndentedJSON(w, out)
}

// WriteScoreMarkdown writes a summary fit for a CI job summary or a
// pull-request comment.
func WriteScoreMarkdown(w io.Writer, res *assess.Result, top int) error {
	if top <= 0 {
		top = 10
	}
	p := &printer{w: w}
	org := EscapeMarkdown(res.Organization)
	if org == "" {
		org = "(organisation not named)"
	}
	p.f("## ISO/IEC 42001 readiness: %s\n\n", org)
	p.f("**Overall: %s / 100** · **%s**\n\n", Pct(res.Overall), res.Verdict.Label)
	p.f("Documentation readiness %s · implementation readiness %s · evidence coverage %s\n\n",
		readinessLabel(res.Documentation), readinessLabel(res.Implementation), readinessLabel(res.EvidenceCoverage))
	p.f("%s\n\n", EscapeMarkdown(res.Verdict.Reason))
	assessed := len(res.Questions) - len(res.NotAssessed)
	p.f("Catalog `%s`, %s profile, %d of %d questions assessed", res.Catalog, res.Profile, assessed, len(res.Questions))
	if res.Date != "" {
		p.f(", assessment date %s", EscapeMarkdown(res.Date))
	}
	p.f(".\n\n| Section | Score | Evidence | Answered |\n|---|---:|---:|---:|\n")
	for _, s := range res.Sections {
		p.f("| %s %s | %s | %s | %d/%d |\n", s.ID, EscapeMarkdown(s.Title), SectionPct(s), readinessLabel(s.EvidenceCoverage), s.Answered, s.Total)
	}
	if len(res.Blockers) > 0 {
		p.f("\n### Stage 1 blockers (%d)\n\n", len(res.Blockers))
		for _, b := range res.Blockers {
			p.f("- **%s** %s, `%s`: %s\n", b.Question, EscapeMarkdown(b.Title), b.Criterion, EscapeMarkdown(b.Reason))
		}
	}
	if len(res.Fixes) > 0 {
		n := min(top, len(res.Fixes))
		p.f("\n### Top %d of %d fixes\n\n| # | Question | Fix | Effort | Gain |\n|---:|---|---|:---:|---:|\n", n, len(res.Fixes))
		for _, f := range res.Fixes[:n] {
			tag := ""
			if f.Blocker {
				tag = " **(blocker)**"
			}
			p.f("| %d | %s `%s`%s | %s | %s | +%s |\n", f.Rank, f.Question, f.Criterion, tag, EscapeMarkdown(f.Fix), f.Effort, Gain(f.Gain))
		}
	}
	if len(res.NotAssessed) > 0 {
		p.f("\nNot assessed (scored 0): %s\n", strings.Join(res.NotAssessed, ", "))
	}
	p.f("\n_%s_\n", Disclaimer)
	return p.err
}

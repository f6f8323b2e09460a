package assess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"go.yaml.in/yaml/v3"
)

// PlanStatus is where a planned fix stands.
type PlanStatus string

const (
	PlanPlanned    PlanStatus = "planned"
	PlanInProgress PlanStatus = "in-progress"
	PlanDone       PlanStatus = "done"
)

// PlanStatuses lists the statuses in workflow order.
var PlanStatuses = []PlanStatus{PlanPlanned, PlanInProgress, PlanDone}

// PlanItem tracks one fix: who owns it, when it is due, where it stands.
type PlanItem struct {
	Owner  string
	Due    string // YYYY-MM-DD, may be empty
	Status PlanStatus
}

var planKeys = []string{"owner", "due", "status"}

// Overdue reports whether the item is past due on the given day and not done.
func (p *PlanItem) Overdue(asOf string) bool {
	return p != nil && p.Status != PlanDone && p.Due != "" && p.Due < asOf
}

// parsePlan reads the plan: section, keyed by fix id ("6.1.2/method-documented").
// A fix id names the criterion where it is answered; a shared criterion's
// own id is pointed at its target.
func parsePlan(r *strictyaml.Reader, n *yaml.Node, c *catalog.Catalog, sameVersion bool) (map[string]*PlanItem, map[string]*PlanItem) {
	entries, _ := r.Mapping(n, "plan", nil)
	plan := map[string]*PlanItem{}
	var orphans map[string]*PlanItem
	for _, e := range entries {
		item := parsePlanItem(r, e.Value, e.Key)
		qid, cid, ok := strings.Cut(e.Key, "/")
		q := c.Question(qid)
		var cr *catalog.Criterion
		if q != nil {
			cr = q.Criterion(cid)
		}
		switch {
		case !ok:
			r.Errorf(e.KeyNode, "plan: %q is not a fix id; write QUESTION/criterion, as 'aimsready plan' lists them", e.Key)
		case cr == nil && sameVersion:
			hint := "; 'aimsready plan FILE' lists the fix ids"
			if q == nil {
				hint = suggest(qid, c)
			}
			r.Errorf(e.KeyNode, "plan: unknown fix %q%s", e.Key, hint)
		case cr == nil:
			if orphans == nil {
				orphans = map[string]*PlanItem{}
			}
			orphans[e.Key] = item // from another catalog version: kept, not shown
		case cr.SameAs != "":
			r.Errorf(e.KeyNode, "plan: %s is the same evidence as %s; plan it under %q", e.Key, cr.SameAs, cr.SameAs)
		default:
			plan[e.Key] = item
		}
	}
	return plan, orphans
}

func parsePlanItem(r *strictyaml.Reader, n *yaml.Node, id string) *PlanItem {
	what := fmt.Sprintf("plan %q", id)
	item := &PlanItem{Status: PlanPlanned}
	fields, _ := r.Mapping(n, what, planKeys)
	for _, f := range fields {
		switch f.Key {
		case "owner":
			item.Owner = strings.TrimSpace(r.String(f.Value, what+": owner"))
		case "due":
			item.Due = strings.TrimSpace(r.String(f.Value, what+": due"))
			if _, err := ParseDate(item.Due); item.Due != "" && err != nil {
				r.Errorf(f.Value, "%s: due %q must be a calendar date written YYYY-MM-DD", what, item.Due)
			}
		case "status":
			item.Status = PlanStatus(r.String(f.Value, what+": status"))
			if !slices.Contains(PlanStatuses, item.Status) {
				r.Errorf(f.Value, "%s: status must be planned, in-progress or done, not %q", what, item.Status)
			}
		}
	}
	return item
}

// planNode renders the plan in catalog order, then kept entries of other
// catalog versions.
func planNode(a *Answers, c *catalog.Catalog) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	put := func(id string, p *PlanItem) {
		v := &yaml.Node{Kind: yaml.MappingNode}
		// Trimmed as loading trims them, so a saved file reads back the same.
		if owner := strings.TrimSpace(p.Owner); owner != "" {
			v.Content = append(v.Content, str("owner"), text(owner))
		}
		if due := strings.TrimSpace(p.Due); due != "" {
			v.Content = append(v.Content, str("due"), str(due))
		}
		v.Content = append(v.Content, str("status"), str(string(p.Status)))
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: id}, v)
	}
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if p := a.Plan[q.ID+"/"+cr.ID]; p != nil {
				put(q.ID+"/"+cr.ID, p)
			}
		}
	}
	for _, id := range sortedKeys(a.PlanOrphans) {
		put(id, a.PlanOrphans[id])
	}
	return m
}

// MarkOverdue lists the planned fixes past due on asOf (YYYY-MM-DD) in rank
// order.
func MarkOverdue(res *Result, asOf string) {
	res.Overdue = nil
	for _, f := range res.Fixes {
		if f.Plan.Overdue(asOf) {
			res.Overdue = append(res.Overdue, f)
		}
	}
}

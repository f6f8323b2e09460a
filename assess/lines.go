package assess

import (
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"go.yaml.in/yaml/v3"
)

// AnswerLines maps each question id listed under answers: in an answers
// file to its line, so CI annotations can point at the question on a pull
// request's diff. A file it cannot read gives an empty map: the lines are a
// convenience, and loading reports the problems.
func AnswerLines(path string) map[string]int {
	lines := map[string]int{}
	data, err := strictyaml.ReadFile(path, MaxFileBytes, "an answers file")
	if err != nil {
		return lines
	}
	root, err := strictyaml.Parse(path, data, MaxFileBytes)
	if err != nil || root.Kind != yaml.MappingNode {
		return lines
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "answers" || root.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		m := root.Content[i+1]
		for j := 0; j+1 < len(m.Content); j += 2 {
			lines[m.Content[j].Value] = m.Content[j].Line
		}
	}
	return lines
}

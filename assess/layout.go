package assess

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// A file loaded from disk remembers its layout: the comments its author
// wrote and the style of each value (a folded scope, an unquoted date, a
// flow-style mapping). Saving it again lays the fresh, canonical tree over
// that layout, so a hand-kept file in a repository changes only where its
// content changed: `evidence add` adds an item, not a rewrite of every line.
//
// The rules, in order:
//   - a key the file already had keeps the file's comments, except a
//     question comment this tool wrote (recognised by its criteria line),
//     which is written afresh from the catalog in use;
//   - a key new to the file gets the comments a new file would have;
//   - a value that did not change keeps its style (and, for a scalar, the
//     tag it was read with, so a date stays unquoted), except that a folded
//     scalar is written on one line (the encoder cannot fold);
//   - list items are matched by their first field (an evidence item's id, a
//     system's name), else by position.
//
// MarshalChecked still reads the result back; a layout that would not read
// back the same answers is dropped for that save, never the answers.

// criteriaLine marks a question comment written by this tool.
const criteriaLine = "criteria: list the ids of those met in met: [...]"

// carryLayout gives dst, a freshly built node, the comments and styles of
// src, the node it replaces in the loaded file.
func carryLayout(dst, src *yaml.Node) {
	if dst == nil || src == nil {
		return
	}
	dst.LineComment, dst.FootComment = src.LineComment, src.FootComment
	if !generatedQuestionComment(src.HeadComment) || dst.HeadComment == "" {
		dst.HeadComment = src.HeadComment
	}
	switch {
	case dst.Kind == yaml.ScalarNode && src.Kind == yaml.ScalarNode:
		if dst.Value == src.Value {
			dst.Style, dst.Tag = src.Style, src.Tag
			if dst.Style&yaml.FoldedStyle != 0 {
				// The encoder cannot fold lines; a folded scalar would come
				// out as one long line under ">-". Plain reads better.
				dst.Style &^= yaml.FoldedStyle
				if !readsBack(dst) {
					dst.Style = yaml.DoubleQuotedStyle
				}
			}
		}
	case dst.Kind == yaml.MappingNode && src.Kind == yaml.MappingNode:
		dst.Style = flowStyle(dst, src)
		old := map[string][2]*yaml.Node{}
		for i := 0; i+1 < len(src.Content); i += 2 {
			old[src.Content[i].Value] = [2]*yaml.Node{src.Content[i], src.Content[i+1]}
		}
		for i := 0; i+1 < len(dst.Content); i += 2 {
			if kv, ok := old[dst.Content[i].Value]; ok {
				carryLayout(dst.Content[i], kv[0])
				carryLayout(dst.Content[i+1], kv[1])
			}
		}
	case dst.Kind == yaml.SequenceNode && src.Kind == yaml.SequenceNode:
		dst.Style = flowStyle(dst, src)
		byKey := map[string]*yaml.Node{}
		for _, n := range src.Content {
			if k := itemKey(n); k != "" {
				byKey[k] = n
			}
		}
		for i, n := range dst.Content {
			if k := itemKey(n); k != "" {
				carryLayout(n, byKey[k])
			} else if i < len(src.Content) && itemKey(src.Content[i]) == "" {
				carryLayout(n, src.Content[i])
			}
		}
	}
}

// flowStyle keeps a flow collection ({met: [a]}) in flow style, but not an
// empty one ({}) that now holds something: the canonical layout suits
// what was added better than one long line.
func flowStyle(dst, src *yaml.Node) yaml.Style {
	if len(src.Content) == 0 && len(dst.Content) > 0 {
		return dst.Style
	}
	return src.Style & yaml.FlowStyle
}

// itemKey names a list item by its first field, "id=E-001" or
// "name=Claims model"; scalars and empty mappings have none.
func itemKey(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.MappingNode || len(n.Content) < 2 {
		return ""
	}
	return n.Content[0].Value + "=" + n.Content[1].Value
}

// generatedQuestionComment reports whether a comment is one this tool
// writes above a question (its title and criteria), which is refreshed
// from the catalog rather than kept.
func generatedQuestionComment(c string) bool {
	return strings.Contains(c, criteriaLine)
}

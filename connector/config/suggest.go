package config

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// didYouMean is `; did you mean "x"?` when one of known is close to s (a
// typo: a few letters off), else nothing (a zero Msg). IT staff fix typos
// alone; naming the right word saves them a trip to the documentation.
func didYouMean(s string, known []string) catalog.Msg {
	best, bestD := "", -1
	for _, k := range known {
		d := editDistance(strings.ToLower(s), strings.ToLower(k))
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	limit := max(1, min(3, len([]rune(s))/3))
	if bestD < 0 || bestD > limit || best == s {
		return catalog.Msg{}
	}
	return catalog.M("config.did_you_mean", "name", quote(best))
}

// editDistance is the Levenshtein distance (insert, delete, substitute,
// and a swap of two neighbours counts once).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

var indexPattern = regexp.MustCompile(`\[\d+\]`)

// keysAt lists the keys allowed in the mapping at a YAML path such as
// "jobs[0].messages", read from the Config type's yaml tags.
func keysAt(path string) []string {
	t := reflect.TypeOf(Config{})
	path = indexPattern.ReplaceAllString(path, "")
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			continue
		}
		t = elem(t)
		if t.Kind() != reflect.Struct {
			return nil
		}
		f, ok := fieldByTag(t, seg)
		if !ok {
			return nil
		}
		t = f.Type
	}
	t = elem(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if name := tagName(t.Field(i)); name != "" {
			keys = append(keys, name)
		}
	}
	return keys
}

func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	return t
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if tagName(t.Field(i)) == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func tagName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name := strings.Split(f.Tag.Get("yaml"), ",")[0]
	if name == "-" {
		return ""
	}
	return name
}

// keyPathAt finds the mapping key written at line:col and returns the path
// of the mapping that holds it ("" for the top level).
func keyPathAt(file *ast.File, line, col int) (parent, key string, ok bool) {
	if file == nil {
		return "", "", false
	}
	var found *ast.MappingValueNode
	for _, doc := range file.Docs {
		ast.Walk(visitorFunc(func(n ast.Node) bool {
			mv, isMV := n.(*ast.MappingValueNode)
			if !isMV || found != nil {
				return found == nil
			}
			if tk := mv.Key.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line == line && tk.Position.Column == col {
				found = mv
				return false
			}
			return true
		}), doc)
	}
	if found == nil {
		return "", "", false
	}
	key = found.Key.GetToken().Value
	p := strings.TrimPrefix(found.GetPath(), "$")
	p = strings.TrimPrefix(p, ".")
	parent = strings.TrimSuffix(strings.TrimSuffix(p, key), ".")
	return parent, key, true
}

type visitorFunc func(ast.Node) bool

func (f visitorFunc) Visit(n ast.Node) ast.Visitor {
	if f(n) {
		return f
	}
	return nil
}

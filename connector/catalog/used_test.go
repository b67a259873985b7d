package catalog_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// keyLike is a string literal that names a text: an area prefix and a
// dotted lower-case name.
var keyLike = regexp.MustCompile(`^(cli|cmd|help|config|log|demo|page|sql|init|vault|installer|erp|poll|statusauth|statuspage)\.[a-z0-9_]+(\.[a-z0-9_]+)*$`)

// notKeys are literals that look like keys and are file names.
var notKeys = regexp.MustCompile(`\.(yaml|yml|db|json|go|md|pem|key|err|lock)$`)

// prefixes are keys the code completes at run time ("state." + status);
// each completion it can make is listed here.
var prefixes = map[string][]string{
	"cmd.forget.deleted.":         {"done", "dry"},
	"cmd.forget.emptied.":         {"done", "dry"},
	"cmd.forget.summary.":         {"done", "dry"},
	"cmd.service.state.":          {"running", "stopped", "not_installed", "unknown"},
	"demo.state.":                 {"sent", "delivered", "skipped", "failed", "pending"},
	"config.yaml_word.":           {"mapping", "sequence", "scalar"},
	"cmd.messages.":               {"retry.none", "retry.progress", "retry.done", "retry.done_some", "retry.failed", "cancel.none", "cancel.progress", "cancel.done", "cancel.done_some", "cancel.failed"},
	"init.sending_test_":          {"sms", "whatsapp", "email"},
	"statuspage.done_":            {"pause", "resume"},
	"page.failed_reread_":         {"gone", "no_source", "told", "cancelled", "refused", "purged", "state", "not_mendable", "no_job", "database", "other"},
	"cmd.messages.reread.why.":    {"gone", "no_source", "told", "cancelled", "refused", "purged", "state", "not_mendable", "no_job", "database", "other"},
	"statuspage.reread_all.why.":  {"gone", "no_source", "told", "cancelled", "refused", "purged", "state", "not_mendable", "no_job", "database", "other"},
	"statuspage.reread_all.kind.": {"no_mobile", "landline", "bad_phone", "no_email", "bad_email", "customer_missing", "template", "abroad", "refused_recipient", "refused_content", "refused"},
	"cmd.optout.scope.":           {"all", "commercial"},
	"cmd.optout.source.":          {"operator", "reply", "bounce", "provider"},
	"page.status_":                {"pending", "sending", "sent", "delivered", "failed", "skipped", "uncertain", "held", "cancelled", "standby"},
	"job.failed.":                 {"unreachable", "login", "missing", "schema", "timeout", "dropped", "other"},
	"statuspage.fix.job_failed.":  {"unreachable", "login", "missing", "schema", "timeout", "dropped"},
	"state.":                      {"pending", "sending", "sent", "delivered", "failed", "skipped", "uncertain", "held", "cancelled", "standby"},
}

// Every text the code names exists in the catalog (whose own test checks
// both languages): the keys written as string literals anywhere outside
// tests, and the message of every log call, which must be a key.
func TestEveryKeyTheCodeNamesExists(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				s, ok := literal(n)
				if !ok {
					return true
				}
				if expansions, isPrefix := prefixes[s]; isPrefix {
					for _, e := range expansions {
						checkKey(t, fset, n, s+e)
					}
					return true
				}
				if keyLike.MatchString(s) && !notKeys.MatchString(s) {
					checkKey(t, fset, n, s)
					checked++
				}
			case *ast.CallExpr:
				if msg, ok := logMessage(n); ok {
					if !catalog.Has(catalog.Key(msg)) {
						t.Errorf("%s: the log message %q is not a catalog key", fset.Position(n.Pos()), msg)
					}
					checked++
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d keys and log messages checked", checked)
	if checked < 300 {
		t.Errorf("only %d keys found in the code: is the walk reading the repository?", checked)
	}
}

func checkKey(t *testing.T, fset *token.FileSet, n ast.Node, key string) {
	t.Helper()
	if !catalog.Has(catalog.Key(key)) {
		t.Errorf("%s: %q is not in the catalog", fset.Position(n.Pos()), key)
	}
}

func literal(n *ast.BasicLit) (string, bool) {
	if n.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(n.Value)
	return s, err == nil
}

// logMessage is the message of a slog call written as a literal:
// x.Info("…"), x.Warn("…", …), x.Error(…), x.Debug(…), their …Context
// forms and x.Log(ctx, level, "…", …).
func logMessage(c *ast.CallExpr) (string, bool) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	at := 0
	switch sel.Sel.Name {
	case "Info", "Warn", "Error", "Debug":
	case "InfoContext", "WarnContext", "ErrorContext", "DebugContext":
		at = 1
	case "Log", "LogAttrs":
		at = 2
	default:
		return "", false
	}
	if len(c.Args) <= at {
		return "", false
	}
	lit, ok := c.Args[at].(*ast.BasicLit)
	if !ok {
		return "", false
	}
	return literal(lit)
}

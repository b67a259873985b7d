package config

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// CreditUnit is what a low_credit line counts, as the balances the
// providers report are counted: the keys of low_credit's per-unit form.
type CreditUnit string

// The units a low_credit line can be given for. TL and sms are the Unit
// of the balance they are compared with (notify.UnitTL, notify.UnitSMS);
// packages is every balance NetGSM names itself ("Sms Hizmeti - Giden:
// 215"), whose Unit is empty.
const (
	CreditTL       CreditUnit = "TL"       // NetGSM's credit in Turkish lira
	CreditSMS      CreditUnit = "sms"      // SMS credits (Mutlucell)
	CreditPackages CreditUnit = "packages" // what is left in a package NetGSM names
)

// CreditUnits are the units low_credit knows, in the order they are shown.
var CreditUnits = []CreditUnit{CreditTL, CreditSMS, CreditPackages}

// LowCredit is a channel's low_credit: one line for every balance the
// provider reports, whatever its unit (low_credit: 100, the same number
// compared with TL, SMS credits and packages alike), or a line per unit
// (low_credit: {TL: 50, sms: 500, packages: 200}), where a unit not given
// is not compared. A line of 0 compares nothing. The zero value compares
// nothing at all.
type LowCredit struct {
	every  float64                // the one line, when byUnit is nil
	byUnit map[CreditUnit]float64 // the lines per unit; only those > 0
}

// UniformLowCredit is low_credit's one-number form: line for every unit.
func UniformLowCredit(line float64) (LowCredit, error) {
	if err := checkCreditLine(line); err != nil {
		return LowCredit{}, err
	}
	return LowCredit{every: line}, nil
}

// LowCreditByUnit is low_credit's per-unit form. A unit it does not know or
// a negative line is refused.
func LowCreditByUnit(lines map[CreditUnit]float64) (LowCredit, error) {
	if len(lines) == 0 {
		// {} would turn the alert off without saying so: 0 says it.
		return LowCredit{}, bad("config.shops.low_credit_empty")
	}
	lc := LowCredit{byUnit: map[CreditUnit]float64{}}
	for u, v := range lines {
		if !isCreditUnit(string(u)) {
			return LowCredit{}, unknownCreditUnit(string(u))
		}
		if err := checkCreditLine(v); err != nil {
			return LowCredit{}, err
		}
		if v > 0 {
			lc.byUnit[u] = v
		}
	}
	return lc, nil
}

func checkCreditLine(v float64) error {
	if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return bad("config.shops.low_credit")
	}
	return nil
}

func isCreditUnit(s string) bool {
	for _, u := range CreditUnits {
		if string(u) == s {
			return true
		}
	}
	return false
}

func unknownCreditUnit(s string) error {
	known := make([]string, len(CreditUnits))
	for i, u := range CreditUnits {
		known[i] = string(u)
	}
	return bad("config.shops.low_credit_unit", "unit", quote(s), "suggest", didYouMean(s, known))
}

// Line is the line a balance counted in u is compared with; ok is false
// when u is not compared (not in the per-unit form, or its line is 0).
func (lc LowCredit) Line(u CreditUnit) (line float64, ok bool) {
	if lc.byUnit == nil {
		return lc.every, lc.every > 0
	}
	line, ok = lc.byUnit[u]
	return line, ok
}

// ByUnit says whether low_credit is the per-unit form.
func (lc LowCredit) ByUnit() bool { return lc.byUnit != nil }

// Uniform is the one-number form's line (0 in the per-unit form).
func (lc LowCredit) Uniform() float64 { return lc.every }

// Lines are the per-unit form's lines that compare something (nil in the
// one-number form).
func (lc LowCredit) Lines() map[CreditUnit]float64 {
	if lc.byUnit == nil {
		return nil
	}
	out := make(map[CreditUnit]float64, len(lc.byUnit))
	for u, v := range lc.byUnit {
		out[u] = v
	}
	return out
}

// String is low_credit as it is written in the file: "100", or
// "{TL: 50, sms: 500}" with the units that compare something.
func (lc LowCredit) String() string {
	if lc.byUnit == nil {
		return strconv.FormatFloat(lc.every, 'f', -1, 64)
	}
	var parts []string
	for _, u := range CreditUnits {
		if v, ok := lc.byUnit[u]; ok {
			parts = append(parts, string(u)+": "+strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// LogValue is the one number as a number, as it was logged before the
// per-unit form; the per-unit form as it is written.
func (lc LowCredit) LogValue() slog.Value {
	if lc.byUnit == nil {
		return slog.Float64Value(lc.every)
	}
	return slog.StringValue(lc.String())
}

// parseCreditLine reads one line: a number, 0 or more.
func parseCreditLine(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, bad("config.shops.low_credit_number", "value", quote(s))
	}
	return v, checkCreditLine(v)
}

func (lc *LowCredit) UnmarshalYAML(ctx context.Context, node ast.Node) error {
	var pairs []*ast.MappingValueNode
	switch n := node.(type) {
	case *ast.MappingNode:
		pairs = n.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{n}
	case *ast.NullNode:
		return nil // unset: the default applies
	default:
		text, _, err := scalar(node)
		if err != nil {
			err = bad("config.shops.low_credit_number", "value", nodeKind(node))
		} else {
			var v float64
			if v, err = parseCreditLine(text); err == nil {
				*lc, err = UniformLowCredit(v)
			}
		}
		if err != nil {
			return decodeProblem(ctx, node, strings.TrimPrefix(node.GetPath(), "$."), err, lowCreditHint(err))
		}
		return nil
	}
	path := strings.TrimPrefix(node.GetPath(), "$.")
	lines := map[CreditUnit]float64{}
	failed := false
	for _, kv := range pairs {
		key := ""
		if tk := kv.Key.GetToken(); tk != nil {
			key = tk.Value
		}
		var err error
		var at ast.Node = kv.Value
		if !isCreditUnit(key) {
			err, at = unknownCreditUnit(key), kv.Key
		} else if text, _, serr := scalar(kv.Value); serr != nil {
			err = bad("config.shops.low_credit_number", "value", nodeKind(kv.Value))
		} else {
			lines[CreditUnit(key)], err = parseCreditLine(text) // a null line is no number either
		}
		if err != nil {
			failed = true
			if err := decodeProblem(ctx, at, path+"."+key, err, lowCreditHint(err)); err != nil {
				return err
			}
		}
	}
	if failed {
		return nil // the problems are recorded: the config is refused
	}
	v, err := LowCreditByUnit(lines)
	if err != nil {
		return decodeProblem(ctx, node, path, err, lowCreditHint(err))
	}
	*lc = v
	return nil
}

// lowCreditHint is the hint of a low_credit problem: what a line may be,
// or which units there are.
func lowCreditHint(err error) catalog.Msg {
	var ve *valueError
	if errors.As(err, &ve) {
		switch ve.msg.Key {
		case "config.shops.low_credit_unit":
			return say("config.hint.shops.low_credit_unit")
		case "config.shops.low_credit_number", "config.shops.low_credit_empty":
			return say("config.hint.shops.low_credit_number")
		}
	}
	return say("config.hint.shops.low_credit")
}

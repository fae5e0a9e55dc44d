package graph

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// stringArgs are the Gizmo builtins that read some of their arguments as
// strings (predicates, tags, IRIs) and panic — in a goroutine cayley starts
// itself, which kills the process — when given a number, a boolean, an
// object or a regular expression. Lower-cased names; Gizmo accepts both
// "out" and "Out".
var stringArgs = map[string]bool{
	"out": true, "in": true, "both": true, "followrecursive": true, "labelcontext": true,
	"tag": true, "as": true, "save": true, "saver": true, "saveopt": true, "saveoptr": true,
	"back": true, "iri": true, "uri": true, "bnode": true, "like": true, "regex": true,
	"tagarray": true, "tagvalue": true, "outpredicates": true, "inpredicates": true,
}

// checkGizmo screens a Gizmo script before it runs: it must parse, and no
// call of a builtin in stringArgs may pass a literal that is not a string,
// an array, a path or a variable. It returns an error naming the call and
// its position. Arguments held in variables are not checked: a script that
// passes a number through a variable can still crash the process (this is
// a flaw of cayley's Gizmo, see doc.go).
func checkGizmo(q string) error {
	prog, err := parser.ParseFile(nil, "query", q, 0)
	if err != nil {
		return fmt.Errorf("syntax error: %w", err)
	}
	var bad error
	walk(reflect.ValueOf(prog), func(call *ast.CallExpression) {
		if bad != nil {
			return
		}
		dot, ok := call.Callee.(*ast.DotExpression)
		if !ok {
			return
		}
		name := strings.ToLower(string(dot.Identifier.Name))
		if !stringArgs[name] {
			return
		}
		for i, a := range call.ArgumentList {
			if name == "followrecursive" && i == 1 {
				continue // the depth is a number
			}
			if lit := badLiteral(a); lit != "" {
				bad = fmt.Errorf("%s(): argument %d is %s; Gizmo wants a string, an array of strings or a path here (offset %d)",
					dot.Identifier.Name, i+1, lit, int(call.LeftParenthesis))
				return
			}
		}
	})
	return bad
}

// badLiteral names a literal argument Gizmo cannot take as a string.
func badLiteral(e ast.Expression) string {
	switch x := e.(type) {
	case *ast.NumberLiteral:
		return "a number"
	case *ast.BooleanLiteral:
		return "a boolean"
	case *ast.ObjectLiteral:
		return "an object"
	case *ast.RegExpLiteral:
		return "a regular expression"
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return "a function"
	case *ast.ArrayLiteral:
		for _, v := range x.Value {
			if v == nil {
				continue
			}
			if s := badLiteral(v); s != "" {
				return "an array holding " + s
			}
		}
	}
	return ""
}

var callType = reflect.TypeOf((*ast.CallExpression)(nil))

// walk visits every *ast.CallExpression reachable from v.
func walk(v reflect.Value, fn func(*ast.CallExpression)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.Type() == callType {
			fn(v.Interface().(*ast.CallExpression))
		}
		walk(v.Elem(), fn)
	case reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), fn)
		}
	}
}

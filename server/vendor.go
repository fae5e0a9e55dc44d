package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// vendorFS holds the third-party files of the console: a part of
// monaco-editor 0.18.1's min/vs (MIT) and the Material Icons font
// (Apache 2.0), with their licences. static/vendor/fetch.sh re-fetches
// them from the npm registry.
//
//go:embed static/vendor/monaco-editor static/vendor/material-icons
var vendorFS embed.FS

// vendorHandler serves vendorFS at /vendor/ (after StripPrefix).
func vendorHandler() http.Handler {
	sub, err := fs.Sub(vendorFS, "static/vendor")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// Package testpg gives tests a fresh database on a real PostgreSQL server.
//
// .ci/run installs and starts PostgreSQL from Debian's packages and sets
// $CLAIMGRAPH_TEST_POSTGRES to a connection string of a role that may
// create databases; without it the tests that need PostgreSQL skip.
package testpg

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"testing"
	"time"

	_ "github.com/lib/pq" // the "postgres" database/sql driver
)

// Env is the environment variable that names the server.
const Env = "CLAIMGRAPH_TEST_POSTGRES"

var password = regexp.MustCompile(`:[^:@/]*@`)

// URL returns a connection string to a new, empty database, dropped when
// the test ends. It skips the test when $CLAIMGRAPH_TEST_POSTGRES is unset.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skipf("%s is not set (bash .ci/run starts a PostgreSQL server and sets it)", Env)
	}
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("cg_test_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating a test database on %s: %v", password.ReplaceAllString(base, ":xxxxx@"), err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("postgres", base); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

package app

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
)

// whereFound lists every table.column of the database holding needle
// (any letter case) in a text, JSON, address or binary column.
func whereFound(t *testing.T, pool *pgxpool.Pool, needle string) []string {
	t.Helper()
	ctx := context.Background()
	rows, _ := pool.Query(ctx, `
		SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'inet', 'cidr', 'bytea', 'ARRAY', 'USER-DEFINED')
		ORDER BY 1, 2`)
	type column struct{ Table, Column, Type string }
	cols, err := pgx.CollectRows(rows, pgx.RowToStructByPos[column])
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) < 50 {
		t.Fatalf("only %d columns to scan", len(cols))
	}
	var found []string
	for _, c := range cols {
		cond := fmt.Sprintf(`%s::text ILIKE '%%' || $1 || '%%'`, pgx.Identifier{c.Column}.Sanitize())
		if c.Type == "bytea" {
			cond = fmt.Sprintf(`position(convert_to($1, 'UTF8') IN %s) > 0`, pgx.Identifier{c.Column}.Sanitize())
		}
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s`, pgx.Identifier{c.Table}.Sanitize(), cond)
		if err := pool.QueryRow(ctx, q, needle).Scan(&n); err != nil {
			t.Fatalf("%s.%s: %v", c.Table, c.Column, err)
		}
		if n > 0 {
			found = append(found, c.Table+"."+c.Column)
		}
	}
	return found
}

// leaveTraces records what the site keeps about a person at addr from ip
// besides their own row: a failed send of their email (the mail server's
// error quotes the address, in the outbox and in the job's errors), a
// counted form post, and their address typed into the staff sign-in.
func leaveTraces(t *testing.T, app *App, addr, ip string) {
	t.Helper()
	ctx := context.Background()
	smtpErr := "smtp: 550 5.1.1 <" + addr + ">: mailbox unavailable"
	if _, err := app.pool.Exec(ctx, `UPDATE river_job SET errors = ARRAY[jsonb_build_object(
		'at', now(), 'attempt', 1, 'error', $1::text, 'trace', '')] WHERE kind = 'send_email'`, smtpErr); err != nil {
		t.Fatal(err)
	}
	if _, err := app.pool.Exec(ctx, `UPDATE emails SET last_error = $1, attempts = 1 WHERE to_address = $2`, smtpErr, addr); err != nil {
		t.Fatal(err)
	}
	if _, err := app.store.RecordFormPost(ctx, "sign", netip.MustParseAddr(ip), 10, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := app.pool.Exec(ctx, `INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, addr, ip); err != nil {
		t.Fatal(err)
	}
	if err := app.store.Audit(ctx, store.AuditEvent{Action: store.ActionSignInFailed, Actor: addr, IP: ip}); err != nil {
		t.Fatal(err)
	}
}

func TestErasureLeavesNoTraceOfThePersonAnywhere(t *testing.T) {
	const ip = "203.0.113.77" // not the loopback address staff sign in from
	for _, tc := range []struct {
		name   string
		create func(t *testing.T, app *App, addr, person string) (erasePath string)
	}{
		{"signatory on the wall", func(t *testing.T, app *App, addr, person string) string {
			id := submitSignatory(t, app, addr, person, ip)
			if _, err := app.pool.Exec(context.Background(), `UPDATE signatories SET status = 'approved' WHERE id = $1`, id); err != nil {
				t.Fatal(err)
			}
			return sigPath(id) + "/erase"
		}},
		{"submission not yet confirmed", func(t *testing.T, app *App, addr, person string) string {
			return sigPath(submitSignatory(t, app, addr, person, ip)) + "/erase"
		}},
		{"subscriber", func(t *testing.T, app *App, addr, person string) string {
			ctx := context.Background()
			in := store.SubscriberInput{Email: addr, Name: person, Lang: "en", Daily: true}
			if err := app.subscribe.Subscribe(ctx, in, ip); err != nil {
				t.Fatal(err)
			}
			var id int64
			if err := app.pool.QueryRow(ctx, `SELECT id FROM subscribers WHERE email = $1`, addr).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return subPath(id) + "/erase"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app, pool := seededApp(t)
			app.throttle.Delay = 0
			srv := httptest.NewServer(app.Handler())
			t.Cleanup(srv.Close)
			admin := signIn(t, srv.URL, "admin@example.org", addStaff(t, pool, "admin@example.org", "admin"))
			addr, person := "ines.pardo@erase.example.org", "Inés Pardo Quintana"
			erase := tc.create(t, app, addr, person)
			leaveTraces(t, app, addr, ip)

			// The scan sees the traces it is meant to find.
			before := whereFound(t, pool, addr)
			for _, want := range []string{"emails.to_address", "emails.last_error", "river_job.errors", "login_failures.email", "audit_log.actor"} {
				if !slices.Contains(before, want) {
					t.Errorf("before erasure the address is not in %s (found in %v)", want, before)
				}
			}
			if at := whereFound(t, pool, ip); !slices.Contains(at, "audit_log.ip") || !slices.Contains(at, "form_posts.ip") || !slices.Contains(at, "login_failures.ip") {
				t.Errorf("before erasure the visitor's address is only in %v", at)
			}

			res := postForm(t, admin, srv.URL+erase, url.Values{})
			if res.StatusCode != 303 {
				t.Fatalf("erase: %s", res.Status)
			}
			for _, needle := range []string{addr, person, ip, strings.Split(addr, "@")[0]} {
				if at := whereFound(t, pool, needle); len(at) > 0 {
					t.Errorf("after erasure %q is still in %v", needle, at)
				}
			}
			// The erasure itself is logged, by the admin, from the admin's address.
			var n int
			pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE action LIKE '%-erase' AND actor_id IS NOT NULL AND ip <> ''`).Scan(&n)
			if n != 1 {
				t.Errorf("%d audit lines of the erasure by staff, want 1", n)
			}
		})
	}
}

// submitSignatory sends a submission as the public form does, from ip.
func submitSignatory(t *testing.T, app *App, addr, person, ip string) int64 {
	t.Helper()
	st := store.New(app.pool)
	in := store.SignatoryInput{Name: "Erasure Test Org", Website: "https://erasure-org.example.net", Country: "KE", OrgType: "ngo",
		ContactName: person, ContactEmail: addr, ContactRole: "Coordinator", Lang: "en", Consent: true,
		NameKey: signing.NameKey("Erasure Test Org"), Domain: signing.Domain("https://erasure-org.example.net")}
	in.LogoSHA = testLogo(t, st, 99)
	in.OriginalSHA = in.LogoSHA
	id, err := app.signing.Submit(context.Background(), in, ip)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

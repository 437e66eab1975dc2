package content

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
)

// RouteMatch is how the site's router answers a path, apart from its
// catch-all (custom pages, then redirects, then not found).
type RouteMatch int

const (
	NoRoute    RouteMatch = iota // only the catch-all: a custom page, a redirect or a 404
	ParamRoute                   // a route with parameters (/blog/{slug}): a page when the item exists, else a 404
	FixedRoute                   // a route of its own (/toolkit), or an area mounted whole (/admin/...)
)

// siteRoutes is the router's answer to a path. The kinds are values
// registered before the router is built from them, so the router is
// handed in afterwards (SetSiteRoutes) rather than at registration.
var siteRoutes atomic.Pointer[func(path string) RouteMatch]

// SetSiteRoutes tells the checks of custom pages and redirects which paths
// the site's router answers (routes.Match over the router in use).
func SetSiteRoutes(match func(path string) RouteMatch) { siteRoutes.Store(&match) }

// SiteRoute is how the router answers path; NoRoute before SetSiteRoutes.
func SiteRoute(path string) RouteMatch {
	if m := siteRoutes.Load(); m != nil {
		return (*m)(path)
	}
	return NoRoute
}

// Redirect sends visitors from an old address (a path, and optionally an
// exact query) to a new one: a path of the site or an https address.
type Redirect struct {
	ID        int64
	FromPath  string
	FromQuery string // canonical (sorted) form; "" matches any query
	To        string
	Status    int // 301 (moved for good) or 302 (for now)
	Automatic bool
	CreatedAt time.Time
}

// From is the redirect's old address as typed: the path and its query.
func (r Redirect) From() string {
	if r.FromQuery == "" {
		return r.FromPath
	}
	return r.FromPath + "?" + r.FromQuery
}

// CanonicalQuery is raw in the one form a redirect stores and a request
// is compared in: parameters sorted by name, without the ones that only
// say where a visitor clicked (trackingParam): an old link shared on a
// network comes back with ?fbclid=… added, and must still be sent on. A
// query that does not parse (a bare % in a campaign's name, an old site's
// ;) loses its tracking parameters all the same, and the rest is kept as
// it is.
func CanonicalQuery(raw string) string {
	q, err := url.ParseQuery(raw)
	if err != nil {
		var kept []string
		for _, pair := range strings.Split(raw, "&") {
			name, _, _ := strings.Cut(pair, "=")
			if n, err := url.QueryUnescape(name); err == nil {
				name = n
			}
			if pair != "" && !trackingParam(name) {
				kept = append(kept, pair)
			}
		}
		rest := strings.Join(kept, "&")
		if q, err = url.ParseQuery(rest); err != nil {
			return rest
		}
	}
	for k := range q {
		if trackingParam(k) {
			delete(q, k)
		}
	}
	return q.Encode()
}

// trackingParam reports whether a query parameter is one that networks,
// ad platforms and mailing tools add to links they pass on.
func trackingParam(name string) bool {
	switch strings.ToLower(name) {
	case "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl":
		return true
	}
	return strings.HasPrefix(strings.ToLower(name), "utm_")
}

// RedirectsPerPage is how many redirects the admin's list shows at once.
const RedirectsPerPage = 100

// Redirects returns page (from 1) of the redirects whose old or new
// address contains search (any, when ""), by old address, and how many
// there are in all.
func Redirects(ctx context.Context, db DB, search string, page int) ([]Redirect, int, error) {
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(search) + "%"
	var total int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM redirects
		WHERE from_path || '?' || from_query ILIKE $1 OR to_target ILIKE $1`, like).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("content: redirects: %w", err)
	}
	rows, _ := db.Query(ctx, `SELECT id, from_path, from_query, to_target, status, automatic, created_at
		FROM redirects WHERE from_path || '?' || from_query ILIKE $1 OR to_target ILIKE $1
		ORDER BY from_path, from_query LIMIT $2 OFFSET $3`, like, RedirectsPerPage, (max(page, 1)-1)*RedirectsPerPage)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Redirect])
	if err != nil {
		return nil, 0, fmt.Errorf("content: redirects: %w", err)
	}
	return list, total, nil
}

// maxRedirectAddress is the longest old or new address a redirect takes,
// in bytes: far longer than any real one.
const maxRedirectAddress = 500

// RedirectForm is a redirect as typed into the admin's form.
type RedirectForm struct {
	From, To, Status string
}

// CheckRedirect reads f into a redirect, or says what is wrong beside
// each field ("from", "to", "status").
func CheckRedirect(ctx context.Context, db DB, f RedirectForm) (Redirect, map[string]string, error) {
	problems := map[string]string{}
	var r Redirect
	switch f.Status {
	case "301":
		r.Status = 301
	case "302":
		r.Status = 302
	default:
		problems["status"] = "Choose whether the move is permanent (301) or temporary (302)."
	}

	from, fromOK := sitePath(f.From)
	switch {
	case !form.Typable(f.From) || len(f.From) > maxRedirectAddress:
		problems["from"] = "Enter an address of this site of up to 500 characters, without characters pasted from other programs."
	case f.From == "":
		problems["from"] = "Enter the old address, starting with /, like /advocacy or /advocacy?lang=es."
	case !fromOK:
		problems["from"] = "Enter an address of this site starting with /, like /advocacy or /advocacy?lang=es, without spaces."
	case from.RawQuery != "" && CanonicalQuery(from.RawQuery) == "":
		// Saved, it would be the redirect of the path for any query.
		problems["from"] = "The site ignores the parameters that only say where a link was shared (utm_source, fbclid…), so enter " + from.Path + " alone to send on every visitor to it, or add the query that tells the old page apart."
	default:
		r.FromPath, r.FromQuery = from.Path, CanonicalQuery(from.RawQuery)
	}
	if r.FromPath != "" {
		if SiteRoute(r.FromPath) == FixedRoute {
			problems["from"] = "The site has a page at " + r.FromPath + ", so visitors would never be sent on from it. Enter an address the site does not answer."
		} else if taken, err := customPageAt(ctx, db, r.FromPath); err != nil {
			return r, nil, err
		} else if taken {
			problems["from"] = "A published custom page lives at " + r.FromPath + ", so visitors would never be sent on from it. Move or delete the page first."
		}
	}

	switch {
	case !form.Typable(f.To) || len(f.To) > maxRedirectAddress:
		problems["to"] = "Enter an address of up to 500 characters, without characters pasted from other programs."
	case f.To == "":
		problems["to"] = "Enter where to send visitors: a page of this site such as /toolkit, or a full address starting with https://."
	case strings.HasPrefix(f.To, "/"):
		if _, ok := sitePath(f.To); !ok {
			problems["to"] = "Enter a page of this site starting with /, like /toolkit, without spaces."
		}
	default:
		u, err := url.Parse(f.To)
		if err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(f.To, " \\") {
			problems["to"] = "Enter a page of this site starting with /, or a full address starting with https://."
		}
	}
	r.To = f.To
	if len(problems) == 0 {
		// Kept as browsers are sent it: a site path resolved (as
		// http.Redirect resolves it, and the loop check below must see
		// it), the scheme in lower case (HTTPS://... is the same address).
		if u, ok := sitePath(f.To); ok {
			r.To = u.String()
		} else if u, err := url.Parse(f.To); err == nil {
			r.To = u.String()
		}
	}
	if len(problems) > 0 {
		return r, problems, nil
	}

	var to string
	err := db.QueryRow(ctx, `SELECT to_target FROM redirects WHERE from_path = $1 AND from_query = $2`, r.FromPath, r.FromQuery).Scan(&to)
	switch {
	case err == nil:
		problems["from"] = "There is already a redirect from " + r.From() + " (to " + to + "). Delete it first to change where it goes."
		return r, problems, nil
	case !errors.Is(err, pgx.ErrNoRows):
		return r, nil, fmt.Errorf("content: redirect from %s: %w", r.From(), err)
	}
	loop, hops, err := redirectLoop(ctx, db, r)
	switch {
	case err != nil:
		return r, nil, err
	case loop != nil:
		problems["to"] = "This would send visitors round in a loop: " + strings.Join(loop, " → ") + ". Choose an address that does not lead back here."
	case hops > maxRedirectHops:
		problems["to"] = fmt.Sprintf("Visitors would be sent on through more than %d redirects, more than browsers follow. Enter the address where the chain ends instead.", maxRedirectHops)
	default:
		// The chain may also be long before r: redirects already leading
		// to its old address.
		long, err := redirectsInto(ctx, db, r, maxRedirectHops-hops)
		if err != nil {
			return r, nil, err
		}
		if long {
			problems["to"] = fmt.Sprintf("Redirects already lead to %s, so visitors following them would be sent on through more than %d redirects, more than browsers follow. Point those at where this one leads instead.", r.From(), maxRedirectHops)
		}
	}
	return r, problems, nil
}

// sitePath parses s as an address of this site: "/" then no second slash,
// no spaces or backslashes. Its path is the one a browser asks for: dot
// segments resolved and slashes collapsed (encoded ones too: %2e is a dot
// to a browser), a final slash kept, as http.Redirect sends it; never
// "//", which a browser would read as another host.
func sitePath(s string) (*url.URL, bool) {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, " \t\\#") {
		return nil, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Path == "" || u.Scheme != "" || u.Host != "" {
		return nil, false
	}
	clean := path.Clean(u.Path)
	if strings.HasSuffix(u.Path, "/") && clean != "/" {
		clean += "/"
	}
	u.Path, u.RawPath = clean, ""
	return u, true
}

// maxRedirectHops is the longest chain of redirects a new one may join:
// browsers give up after about 20.
const maxRedirectHops = 15

// redirectLoop follows the redirects in db from r's target, as a visitor
// would, and returns the addresses visited when they lead back to r; else
// how many redirects a visitor from r passes through (r's own included),
// more than maxRedirectHops when they go on for longer. A chain that ends
// (at a page, or off the site) is neither. The redirects already stored
// never loop (each was checked so when added), so only one through r can.
func redirectLoop(ctx context.Context, db DB, r Redirect) (loop []string, hops int, err error) {
	steps := []string{r.From()}
	to := r.To
	for hop := range maxRedirectHops {
		steps = append(steps, to)
		u, ok := sitePath(to)
		if !ok {
			return nil, hop + 1, nil
		}
		path, query := u.Path, CanonicalQuery(u.RawQuery)
		if path == r.FromPath && (r.FromQuery == "" || r.FromQuery == query) {
			// r takes this request, unless r is for the path alone and
			// another is for exactly this query.
			exact, err := exactRedirect(ctx, db, path, query)
			if err != nil {
				return nil, 0, err
			}
			if r.FromQuery != "" || !exact {
				return steps, 0, nil
			}
		}
		err := db.QueryRow(ctx, `
			SELECT to_target FROM redirects WHERE from_path = $1 AND from_query IN ($2, '')
			ORDER BY from_query = '' LIMIT 1`, path, query).Scan(&to)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, hop + 1, nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("content: redirect from %s: %w", path, err)
		}
	}
	return nil, maxRedirectHops + 1, nil
}

// redirectsInto reports whether a visitor could pass through more than
// budget stored redirects before reaching r's old address: the chains
// leading to it, walked back a step at a time (every redirect whose
// target r, or one a step nearer, would take). Each step reads the
// redirects to the step's paths once, so it costs at most budget+1 reads.
func redirectsInto(ctx context.Context, db DB, r Redirect, budget int) (bool, error) {
	type from struct{ path, query string }
	step := map[from]bool{{r.FromPath, r.FromQuery}: true}
	for range budget + 1 {
		var paths []string
		for f := range step {
			// A redirect's target is kept as a browser is sent it (escaped),
			// or, when a page moved, as the page's path.
			paths = append(paths, f.path, (&url.URL{Path: f.path}).EscapedPath())
		}
		rows, _ := db.Query(ctx, `SELECT from_path, from_query, to_target FROM redirects
			WHERE split_part(to_target, '?', 1) = ANY($1)`, paths)
		type redirect struct{ From, Query, To string }
		leading, err := pgx.CollectRows(rows, pgx.RowToStructByPos[redirect])
		if err != nil {
			return false, fmt.Errorf("content: redirects to %s: %w", r.From(), err)
		}
		next := map[from]bool{}
		for _, l := range leading {
			u, ok := sitePath(l.To)
			if !ok {
				continue
			}
			path, query := u.Path, CanonicalQuery(u.RawQuery)
			reaches := step[from{path, query}]
			if !reaches && query != "" && step[from{path, ""}] {
				// The redirect for the path alone takes the request,
				// unless one for exactly this query does.
				exact := r.FromPath == path && r.FromQuery == query
				if !exact {
					if exact, err = exactRedirect(ctx, db, path, query); err != nil {
						return false, err
					}
				}
				reaches = !exact
			}
			if reaches {
				next[from{l.From, l.Query}] = true
			}
		}
		if len(next) == 0 {
			return false, nil
		}
		step = next
	}
	return true, nil
}

// exactRedirect reports whether a redirect for path with exactly query
// (not "") exists: it comes before one for the path alone.
func exactRedirect(ctx context.Context, db DB, path, query string) (bool, error) {
	if query == "" {
		return false, nil
	}
	var ok bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM redirects WHERE from_path = $1 AND from_query = $2)`, path, query).Scan(&ok); err != nil {
		return false, fmt.Errorf("content: redirect from %s?%s: %w", path, query, err)
	}
	return ok, nil
}

// customPageAt reports whether a published custom page answers path, in
// any language.
func customPageAt(ctx context.Context, db DB, path string) (bool, error) {
	_, en := i18n.Split(path)
	var taken bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM custom_pages WHERE path = $1)`, en).Scan(&taken); err != nil {
		return false, fmt.Errorf("content: custom page at %s: %w", path, err)
	}
	return taken, nil
}

// Beginner starts transactions: a pool, or a transaction (a savepoint).
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// AddRedirect checks f (CheckRedirect) and, when nothing is wrong, saves
// it, returning the redirect and its id; problems mean nothing was saved.
// The check and the insert hold the redirects' lock together, so two
// added at once cannot close a loop between them (/a -> /b, /b -> /a) or
// both take one old address.
func AddRedirect(ctx context.Context, db Beginner, f RedirectForm) (Redirect, int64, map[string]string, error) {
	var r Redirect
	var problems map[string]string
	var id int64
	err := pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		if err := lockRedirects(ctx, tx); err != nil {
			return err
		}
		var err error
		if r, problems, err = CheckRedirect(ctx, tx, f); err != nil || len(problems) > 0 {
			return err
		}
		err = tx.QueryRow(ctx, `INSERT INTO redirects (from_path, from_query, to_target, status) VALUES ($1, $2, $3, $4) RETURNING id`,
			r.FromPath, r.FromQuery, r.To, r.Status).Scan(&id)
		if err != nil {
			return fmt.Errorf("content: add redirect from %s: %w", r.From(), err)
		}
		return nil
	})
	if err != nil {
		return r, 0, nil, err
	}
	return r, id, problems, nil
}

// lockRedirects holds every other writer of redirects (an add, a page's
// move) off until db's transaction ends; visitors still read them.
func lockRedirects(ctx context.Context, db DB) error {
	if _, err := db.Exec(ctx, `LOCK TABLE redirects IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("content: lock redirects: %w", err)
	}
	return nil
}

// DeleteRedirect removes redirect id and returns it (ErrNotFound when it
// is gone already).
func DeleteRedirect(ctx context.Context, db DB, id int64) (Redirect, error) {
	rows, _ := db.Query(ctx, `DELETE FROM redirects WHERE id = $1
		RETURNING id, from_path, from_query, to_target, status, automatic, created_at`, id)
	r, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Redirect])
	if errors.Is(err, pgx.ErrNoRows) {
		return Redirect{}, ErrNotFound
	}
	if err != nil {
		return Redirect{}, fmt.Errorf("content: delete redirect %d: %w", id, err)
	}
	return r, nil
}

// moved records that the page at oldPath now lives at newPath (English
// paths; every language's follows): a 301 from the old address, and every
// redirect that led to the old address now leads straight to the new
// one, so no chain forms. A redirect from the new address, which the page
// now answers, goes: it would only ever lead back. Menu entries that
// linked to the old address link to the new one (keeping a query or
// fragment they had), unless that would make them longer than an entry
// may be: those go through the 301.
func moved(ctx context.Context, db DB, oldPath, newPath string) error {
	if err := lockRedirects(ctx, db); err != nil {
		return err
	}
	for _, l := range i18n.Langs {
		from, to := l.Path(oldPath), l.Path(newPath)
		if _, err := db.Exec(ctx, `DELETE FROM redirects WHERE from_path = $1`, to); err != nil {
			return fmt.Errorf("content: moved %s: %w", from, err)
		}
		if _, err := db.Exec(ctx, `UPDATE redirects SET to_target = $2 WHERE to_target = $1`, from, to); err != nil {
			return fmt.Errorf("content: moved %s: %w", from, err)
		}
		if _, err := db.Exec(ctx, `
			INSERT INTO redirects (from_path, from_query, to_target, status, automatic) VALUES ($1, '', $2, 301, true)
			ON CONFLICT (from_path, from_query) DO UPDATE SET to_target = EXCLUDED.to_target, status = 301`, from, to); err != nil {
			return fmt.Errorf("content: moved %s: %w", from, err)
		}
		if _, err := db.Exec(ctx, `
			UPDATE menu_entries SET target = $2 || substr(target, char_length($1) + 1)
			WHERE split_part(split_part(target, '#', 1), '?', 1) = $1
				AND char_length(target) - char_length($1) + char_length($2) <= 300`, from, to); err != nil {
			return fmt.Errorf("content: moved %s: menus: %w", from, err)
		}
	}
	return nil
}

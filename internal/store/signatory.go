package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Signatory states. A submission starts awaiting confirmation of its
// contact's email; only approved signatories are public.
const (
	StatusAwaitingConfirmation = "awaiting_confirmation"
	StatusAwaitingReview       = "awaiting_review"
	StatusApproved             = "approved"
	StatusRejected             = "rejected"
	StatusChangesRequested     = "changes_requested"
	StatusWithdrawn            = "withdrawn"
	StatusHidden               = "hidden"
)

// SignatoryStatuses lists every state, in the order staff work through them.
var SignatoryStatuses = []string{
	StatusAwaitingReview, StatusAwaitingConfirmation, StatusChangesRequested,
	StatusApproved, StatusRejected, StatusWithdrawn, StatusHidden,
}

// OrgTypes are the kinds of organisation that sign, as stored.
var OrgTypes = []string{"ngo", "government", "academic", "un-agency", "network", "private-sector", "other"}

// ErrStateChanged is returned when a transition finds the signatory no
// longer in a state it may leave from (someone else acted first).
var ErrStateChanged = errors.New("store: the signatory's state has changed")

// Signatory is an organisation that signed, or asked to sign, the Call to
// Action, with its contact's details (never shown publicly).
type Signatory struct {
	ID           int64
	Name         string
	Website      string
	Country      string // ISO 3166-1 alpha-2, or ""
	OrgType      string // one of OrgTypes
	ContactName  string
	ContactEmail string
	ContactRole  string
	Statement    string
	Lang         string // the contact's language: "en" or "es"
	Status       string
	Source       string // "form" or "staff"
	LogoSHA      string // "" without a logo
	LogoWidth    int
	LogoHeight   int
	OriginalSHA  string
	OriginalType string
	RejectReason string // a rejection reason's slug, or ""
	ReviewNote   string
	NameKey      string
	Domain       string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	ConsentAt    *time.Time
	ConfirmedAt  *time.Time
	DecidedAt    *time.Time
	ErasedAt     *time.Time
}

// SignatoryInput is what a contact or staff member enters.
type SignatoryInput struct {
	Name, Website, Country, OrgType        string
	ContactName, ContactEmail, ContactRole string
	Statement, Lang                        string
	NameKey, Domain                        string // computed by the caller (see package signing)
	LogoSHA, OriginalSHA                   string // "" keeps the current logo on update
	Consent                                bool
}

const signatoryColumns = `s.id, s.name, s.website, s.country, s.org_type, s.contact_name, s.contact_email,
	s.contact_role, s.statement, s.lang, s.status, s.source, coalesce(s.logo_sha, ''),
	coalesce(li.width, 0), coalesce(li.height, 0), coalesce(s.original_sha, ''),
	coalesce(lo.content_type, ''), coalesce(s.reject_reason, ''), s.review_note, s.name_key, s.domain,
	s.created_at, s.updated_at, s.consent_at, s.confirmed_at, s.decided_at, s.erased_at`

const signatoryFrom = `signatories s
	LEFT JOIN logo_images li ON li.sha256 = s.logo_sha
	LEFT JOIN logo_originals lo ON lo.sha256 = s.original_sha`

func scanSignatory(row pgx.Row) (Signatory, error) {
	var s Signatory
	err := row.Scan(&s.ID, &s.Name, &s.Website, &s.Country, &s.OrgType, &s.ContactName, &s.ContactEmail,
		&s.ContactRole, &s.Statement, &s.Lang, &s.Status, &s.Source, &s.LogoSHA,
		&s.LogoWidth, &s.LogoHeight, &s.OriginalSHA,
		&s.OriginalType, &s.RejectReason, &s.ReviewNote, &s.NameKey, &s.Domain,
		&s.CreatedAt, &s.UpdatedAt, &s.ConsentAt, &s.ConfirmedAt, &s.DecidedAt, &s.ErasedAt)
	return s, err
}

// Logo is a stored, re-encoded logo image.
type Logo struct {
	SHA256        string
	PNG           []byte
	Width, Height int
	// Public is set (by LogoImage) when an approved signatory shows it.
	Public bool
}

// SaveLogo stores a re-encoded logo and the upload it came from. Both are
// addressed by their content, so saving the same bytes twice stores them
// once (and restarts their time before unused ones are deleted).
func (s *Store) SaveLogo(ctx context.Context, l Logo, original []byte, originalSHA, originalType, originalExt string) error {
	if _, err := s.db.Exec(ctx, `
		INSERT INTO logo_images (sha256, png, width, height) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sha256) DO UPDATE SET created_at = now()`, l.SHA256, l.PNG, l.Width, l.Height); err != nil {
		return fmt.Errorf("store: save logo: %w", err)
	}
	if _, err := s.db.Exec(ctx, `
		INSERT INTO logo_originals (sha256, data, content_type, ext) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sha256) DO UPDATE SET created_at = now()`, originalSHA, original, originalType, originalExt); err != nil {
		return fmt.Errorf("store: save logo original: %w", err)
	}
	return nil
}

// LogoImage returns a stored logo by its hash.
func (s *Store) LogoImage(ctx context.Context, sha string) (Logo, error) {
	l := Logo{SHA256: sha}
	err := s.db.QueryRow(ctx, `SELECT png, width, height,
		EXISTS (SELECT 1 FROM signatories WHERE logo_sha = $1 AND status = 'approved')
		FROM logo_images WHERE sha256 = $1`, sha).Scan(&l.PNG, &l.Width, &l.Height, &l.Public)
	if errors.Is(err, pgx.ErrNoRows) {
		return Logo{}, ErrNotFound
	}
	if err != nil {
		return Logo{}, fmt.Errorf("store: logo %s: %w", sha, err)
	}
	return l, nil
}

// LogoExists reports whether both a logo and its original are stored (a
// form re-sent after an error refers to them by hash).
func (s *Store) LogoExists(ctx context.Context, logoSHA, originalSHA string) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM logo_images WHERE sha256 = $1)
		AND EXISTS (SELECT 1 FROM logo_originals WHERE sha256 = $2)`, logoSHA, originalSHA).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: logo exists: %w", err)
	}
	return ok, nil
}

// LogoOriginal returns the upload a signatory's logo was made from.
func (s *Store) LogoOriginal(ctx context.Context, signatoryID int64) (data []byte, contentType, ext string, err error) {
	err = s.db.QueryRow(ctx, `
		SELECT lo.data, lo.content_type, lo.ext FROM signatories s JOIN logo_originals lo ON lo.sha256 = s.original_sha
		WHERE s.id = $1`, signatoryID).Scan(&data, &contentType, &ext)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", "", ErrNotFound
	}
	if err != nil {
		return nil, "", "", fmt.Errorf("store: logo original of %d: %w", signatoryID, err)
	}
	return data, contentType, ext, nil
}

// DeleteUnusedLogos removes logos and originals no signatory uses that
// were stored before cutoff (uploads from forms never sent). It returns
// how many rows went.
func (s *Store) DeleteUnusedLogos(ctx context.Context, cutoff time.Time) (int64, error) {
	a, err := s.db.Exec(ctx, `DELETE FROM logo_images li WHERE created_at < $1
		AND NOT EXISTS (SELECT 1 FROM signatories WHERE logo_sha = li.sha256)`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("store: delete unused logos: %w", err)
	}
	b, err := s.db.Exec(ctx, `DELETE FROM logo_originals lo WHERE created_at < $1
		AND NOT EXISTS (SELECT 1 FROM signatories WHERE original_sha = lo.sha256)`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("store: delete unused logo originals: %w", err)
	}
	return a.RowsAffected() + b.RowsAffected(), nil
}

// CreateSignatory stores a new signatory in status and returns its id.
func (s *Store) CreateSignatory(ctx context.Context, in SignatoryInput, status, source string) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO signatories (name, website, country, org_type, contact_name, contact_email, contact_role,
			statement, lang, name_key, domain, logo_sha, original_sha, consent_at, status, source,
			decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, nullif($12, ''), nullif($13, ''),
			CASE WHEN $14 THEN now() END, $15, $16, CASE WHEN $15 = 'approved' THEN now() END)
		RETURNING id`,
		in.Name, in.Website, in.Country, in.OrgType, in.ContactName, strings.ToLower(in.ContactEmail), in.ContactRole,
		in.Statement, langOrEnglish(in.Lang), in.NameKey, in.Domain, in.LogoSHA, in.OriginalSHA, in.Consent, status, source).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create signatory %q: %w", in.Name, err)
	}
	return id, nil
}

func langOrEnglish(l string) string {
	if l == "es" {
		return l
	}
	return "en"
}

// UpdateSignatory replaces a signatory's details (not its state). An empty
// LogoSHA keeps the current logo.
func (s *Store) UpdateSignatory(ctx context.Context, id int64, in SignatoryInput) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE signatories SET name = $2, website = $3, country = $4, org_type = $5, contact_name = $6,
			contact_email = $7, contact_role = $8, statement = $9, name_key = $10, domain = $11,
			logo_sha = coalesce(nullif($12, ''), logo_sha), original_sha = coalesce(nullif($13, ''), original_sha),
			updated_at = now()
		WHERE id = $1`,
		id, in.Name, in.Website, in.Country, in.OrgType, in.ContactName, strings.ToLower(in.ContactEmail), in.ContactRole,
		in.Statement, in.NameKey, in.Domain, in.LogoSHA, in.OriginalSHA)
	if err != nil {
		return fmt.Errorf("store: update signatory %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// Signatory returns one signatory, whatever its state.
func (s *Store) Signatory(ctx context.Context, id int64) (Signatory, error) {
	sig, err := scanSignatory(s.db.QueryRow(ctx, `SELECT `+signatoryColumns+` FROM `+signatoryFrom+` WHERE s.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Signatory{}, ErrNotFound
	}
	if err != nil {
		return Signatory{}, fmt.Errorf("store: signatory %d: %w", id, err)
	}
	return sig, nil
}

// LockSignatory returns a signatory, locking its row until the transaction
// ends, so a decision made on its state cannot be overtaken.
func (s *Store) LockSignatory(ctx context.Context, id int64) (Signatory, error) {
	if _, err := s.db.Exec(ctx, `SELECT 1 FROM signatories WHERE id = $1 FOR UPDATE`, id); err != nil {
		return Signatory{}, fmt.Errorf("store: lock signatory %d: %w", id, err)
	}
	return s.Signatory(ctx, id)
}

// Transition moves a signatory to status `to` if it is in one of `from`,
// recording the reason and note given (for rejections and requests for
// changes; empty otherwise). It returns ErrStateChanged when the signatory
// is in none of them, and ErrNotFound when there is no such signatory.
func (s *Store) Transition(ctx context.Context, id int64, from []string, to, reason, note string) (Signatory, error) {
	tag, err := s.db.Exec(ctx, `
		UPDATE signatories SET status = $3, reject_reason = nullif($4, ''), review_note = $5, updated_at = now(),
			confirmed_at = CASE WHEN status = 'awaiting_confirmation' AND $3 = 'awaiting_review' THEN now() ELSE confirmed_at END,
			decided_at = CASE WHEN $3 IN ('approved', 'rejected') THEN now() ELSE decided_at END
		WHERE id = $1 AND status = ANY($2)`, id, from, to, reason, note)
	if err != nil {
		return Signatory{}, fmt.Errorf("store: signatory %d to %s: %w", id, to, err)
	}
	if tag.RowsAffected() == 0 {
		if _, err := s.Signatory(ctx, id); err != nil {
			return Signatory{}, err
		}
		return Signatory{}, ErrStateChanged
	}
	return s.Signatory(ctx, id)
}

// SignatoryFilter selects signatories for staff. Zero fields select all.
type SignatoryFilter struct {
	Status string
	Query  string // part of the name, website or contact email
	Limit  int    // 200 when 0
}

// Signatories returns the signatories matching f, oldest first (the queue
// order: whoever waited longest is reviewed first).
func (s *Store) Signatories(ctx context.Context, f SignatoryFilter) ([]Signatory, error) {
	if f.Limit <= 0 {
		f.Limit = 200
	}
	rows, err := s.db.Query(ctx, `SELECT `+signatoryColumns+` FROM `+signatoryFrom+`
		WHERE ($1 = '' OR s.status = $1)
		AND ($2 = '' OR s.name ILIKE '%' || $2 || '%' OR s.website ILIKE '%' || $2 || '%' OR s.contact_email ILIKE '%' || $2 || '%')
		ORDER BY s.created_at, s.id LIMIT $3`, f.Status, escapeLike(f.Query), f.Limit)
	if err != nil {
		return nil, fmt.Errorf("store: signatories: %w", err)
	}
	defer rows.Close()
	var out []Signatory
	for rows.Next() {
		sig, err := scanSignatory(rows)
		if err != nil {
			return nil, fmt.Errorf("store: signatories: %w", err)
		}
		out = append(out, sig)
	}
	return out, rows.Err()
}

func escapeLike(q string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.TrimSpace(q))
}

// SignatoryCounts returns how many signatories are in each state.
func (s *Store) SignatoryCounts(ctx context.Context) (map[string]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT status, count(*)::int FROM signatories GROUP BY status`)
	counts := map[string]int{}
	var status string
	var n int
	_, err := pgx.ForEachRow(rows, []any{&status, &n}, func() error { counts[status] = n; return nil })
	if err != nil {
		return nil, fmt.Errorf("store: signatory counts: %w", err)
	}
	return counts, nil
}

// SignatoriesNamed counts the signatories whose name has nameKey as key.
func (s *Store) SignatoriesNamed(ctx context.Context, nameKey string) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM signatories WHERE name_key = $1`, nameKey).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: signatories named %q: %w", nameKey, err)
	}
	return n, nil
}

// SignatoryMatch is another signatory that looks like the same organisation.
type SignatoryMatch struct {
	ID     int64
	Name   string
	Status string
	ByName bool // the names match, ignoring case, accents and punctuation
	BySite bool // the websites have the same domain
}

// SignatoryMatches returns the other signatories (in any state but awaiting
// confirmation) sharing sig's name key or website domain.
func (s *Store) SignatoryMatches(ctx context.Context, sig Signatory) ([]SignatoryMatch, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT id, name, status, name_key = $2 AND $2 <> '', domain = $3 AND $3 <> ''
		FROM signatories
		WHERE id <> $1 AND status <> 'awaiting_confirmation'
		AND ((name_key = $2 AND $2 <> '') OR (domain = $3 AND $3 <> ''))
		ORDER BY created_at`, sig.ID, sig.NameKey, sig.Domain)
	return allRows(rows, pgx.RowToStructByPos[SignatoryMatch], fmt.Sprintf("signatory matches for %d", sig.ID))
}

// SignatoryDuplicates reports which of ids have a match (as
// SignatoryMatches finds them), in one query for a whole page.
func (s *Store) SignatoryDuplicates(ctx context.Context, ids []int64) (map[int64]bool, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT s.id FROM signatories s WHERE s.id = ANY($1) AND EXISTS (
			SELECT 1 FROM signatories o WHERE o.id <> s.id AND o.status <> 'awaiting_confirmation'
			AND ((o.name_key = s.name_key AND s.name_key <> '') OR (o.domain = s.domain AND s.domain <> '')))`, ids)
	list, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: signatory duplicates: %w", err)
	}
	dup := make(map[int64]bool, len(list))
	for _, id := range list {
		dup[id] = true
	}
	return dup, nil
}

// PublicSignatory is what anyone may see of an approved signatory: never
// its contact's details.
type PublicSignatory struct {
	ID         int64     `json:"-"`
	Name       string    `json:"name"`
	Website    string    `json:"website,omitempty"`
	Country    string    `json:"country,omitempty"`
	OrgType    string    `json:"type"`
	LogoSHA    string    `json:"-"`
	LogoWidth  int       `json:"-"`
	LogoHeight int       `json:"-"`
	ApprovedAt time.Time `json:"approved_at"`
}

// PublicFilter narrows the public list of signatories.
type PublicFilter struct {
	Country string // ISO code
	OrgType string
	Query   string // part of the name, as typed
	// QueryKey is Query in the form of name_key (see signing.NameKey), so
	// "Fundacion" finds "Fundación".
	QueryKey string
}

// publicSignatoryColumns are the columns of a PublicSignatory, in its
// order, over signatories s joined to their logo li (publicSignatoryFrom).
const publicSignatoryColumns = `s.id, s.name, s.website, s.country, s.org_type, coalesce(s.logo_sha, ''),
	coalesce(li.width, 0), coalesce(li.height, 0), coalesce(s.decided_at, s.created_at)`

const publicSignatoryFrom = `signatories s LEFT JOIN logo_images li ON li.sha256 = s.logo_sha`

// publicSignatoryOrder is A to Z by name, accents and case ignored: the
// order of the index signatories_public_order, whose expressions these
// must stay (migrations/00017_signatory_lists.sql).
const publicSignatoryOrder = `nullif(s.name_key, '') COLLATE "C" NULLS LAST, lower(s.name), s.id`

// publicSignatoryOrderReversed is publicSignatoryOrder backwards (Z to A),
// which reads the same index from its end.
const publicSignatoryOrderReversed = `nullif(s.name_key, '') COLLATE "C" DESC NULLS FIRST, lower(s.name) DESC, s.id DESC`

// publicSignatoryWhere returns the condition selecting the approved
// signatories matching f, over signatories s, and its arguments ($1...).
// Only the filters in use are written into it: each combination is a
// statement of its own, planned for what it reads, even when Postgres
// plans it once for all values.
//
// A name search compares name keys: a name holding the search, whatever
// its case, accents or punctuation, has a key holding the search's key.
// The name itself is searched (ILIKE, three times the cost) only where
// keys cannot tell: a name without a key, a search without one ("&").
func publicSignatoryWhere(f PublicFilter) (string, []any) {
	where, args := []string{`s.status = 'approved'`}, []any{}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Country != "" {
		where = append(where, `s.country = `+arg(f.Country))
	}
	if f.OrgType != "" {
		where = append(where, `s.org_type = `+arg(f.OrgType))
	}
	switch {
	case f.Query != "" && f.QueryKey != "":
		key, q := arg(escapeLike(f.QueryKey)), arg(escapeLike(f.Query))
		where = append(where, `(s.name_key LIKE '%' || `+key+` || '%' OR (s.name_key = '' AND s.name ILIKE '%' || `+q+` || '%'))`)
	case f.Query != "":
		where = append(where, `s.name ILIKE '%' || `+arg(escapeLike(f.Query))+` || '%'`)
	}
	return strings.Join(where, " AND "), args
}

// MaxPublicSignatoryPage is the most rows PublicSignatoryPage returns.
const MaxPublicSignatoryPage = 500

// PublicSignatoryCount returns how many approved signatories match f.
func (s *Store) PublicSignatoryCount(ctx context.Context, f PublicFilter) (int, error) {
	var n int
	sql, args := publicSignatoryCountSQL(f)
	if err := s.db.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: public signatory count: %w", err)
	}
	return n, nil
}

// publicSignatoryCountSQL is PublicSignatoryCount's statement for f, with
// its arguments.
func publicSignatoryCountSQL(f PublicFilter) (string, []any) {
	where, args := publicSignatoryWhere(f)
	return `SELECT count(*) FROM signatories s WHERE ` + where, args
}

// PublicSignatoryPage returns at most limit (and never more than
// MaxPublicSignatoryPage) of the approved signatories matching f, A to Z
// by name (accents and case ignored), skipping the first offset. total is
// how many match f (PublicSignatoryCount): a page past the middle is read
// from the end of the list, so that no page skips more than half of it.
func (s *Store) PublicSignatoryPage(ctx context.Context, f PublicFilter, limit, offset, total int) ([]PublicSignatory, error) {
	sql, args := publicSignatoryPageSQL(f, limit, offset, total)
	rows, _ := s.db.Query(ctx, sql, args...)
	return allRows(rows, pgx.RowToStructByPos[PublicSignatory], "public signatories")
}

// publicSignatoryPageSQL is PublicSignatoryPage's statement, with its
// arguments. The page's rows are chosen first, in the order of the index
// signatories_public_order (forwards, or backwards from the end), and only
// they are joined to their logo: the rows OFFSET skips are never joined.
func publicSignatoryPageSQL(f PublicFilter, limit, offset, total int) (string, []any) {
	where, args := publicSignatoryWhere(f)
	limit, offset = min(max(limit, 0), MaxPublicSignatoryPage), max(offset, 0)
	order := publicSignatoryOrder
	if rest := total - offset; offset > rest && rest > 0 {
		// The same rows, counted from the end: the last rest rows, less
		// those after the page.
		order = publicSignatoryOrderReversed
		limit = min(limit, rest)
		offset = rest - limit
	}
	n := len(args)
	args = append(args, limit, offset)
	return `
	SELECT ` + publicSignatoryColumns + `
	FROM (SELECT * FROM signatories s WHERE ` + where + `
		ORDER BY ` + order + ` LIMIT $` + strconv.Itoa(n+1) + ` OFFSET $` + strconv.Itoa(n+2) + `) s
	LEFT JOIN logo_images li ON li.sha256 = s.logo_sha
	ORDER BY ` + publicSignatoryOrder, args
}

// SignatoryWall is what the Call to Action page shows of its signatories.
type SignatoryWall struct {
	Total  int               // every approved signatory
	Latest []PublicSignatory // some of them: see Store.SignatoryWall
}

// SignatoryWall returns how many signatories are approved and the limit
// most recently approved, newest first, those with a logo before those
// without (the wall is a wall of logos; an organisation without one is
// shown only when too few have one). The count and the rows are read in
// one statement, so they can never disagree.
func (s *Store) SignatoryWall(ctx context.Context, limit int) (SignatoryWall, error) {
	rows, err := s.db.Query(ctx, signatoryWallSQL, max(limit, 0))
	var w SignatoryWall
	if err == nil {
		w.Latest, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (PublicSignatory, error) {
			var p PublicSignatory
			err := row.Scan(&w.Total, &p.ID, &p.Name, &p.Website, &p.Country, &p.OrgType, &p.LogoSHA, &p.LogoWidth, &p.LogoHeight, &p.ApprovedAt)
			return p, err
		})
	}
	if err != nil {
		return SignatoryWall{}, fmt.Errorf("store: signatory wall: %w", err)
	}
	return w, nil
}

// signatoryWallSQL is SignatoryWall's statement, in the order of the
// index signatories_wall.
const signatoryWallSQL = `
	SELECT (SELECT count(*) FROM signatories WHERE status = 'approved'), ` + publicSignatoryColumns + `
	FROM ` + publicSignatoryFrom + `
	WHERE s.status = 'approved'
	ORDER BY s.logo_sha IS NULL, coalesce(s.decided_at, s.created_at) DESC, s.id DESC
	LIMIT $1`

// EachPublicSignatory calls fn with every approved signatory, A to Z as in
// PublicSignatoryPage, in batches of signatoryBatch read one after the
// other by key (from where the last batch ended, off the index of that
// order): the list is never held in memory, however long, and no
// connection is held while fn runs, so a download read slowly by its
// client ties up no connection of the pool. total, the same in every
// call, is how many there were when the reading began. An error from fn
// stops the reading and is returned as it is.
func (s *Store) EachPublicSignatory(ctx context.Context, fn func(total int, sig PublicSignatory) error) error {
	var total int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM signatories WHERE status = 'approved'`).Scan(&total); err != nil {
		return fmt.Errorf("store: every public signatory: %w", err)
	}
	// The order has the signatories with a name key first, by key, then
	// those without, by name: a phase each.
	type row struct {
		sig         PublicSignatory
		key, lowerN string
	}
	last := row{}
	for _, sql := range []string{everyKeyedSignatorySQL, everyUnkeyedSignatorySQL} {
		last.key, last.lowerN, last.sig.ID = "", "", 0
		for {
			rows, _ := s.db.Query(ctx, sql, pgx.NamedArgs{"key": last.key, "name": last.lowerN, "id": last.sig.ID, "batch": signatoryBatch})
			batch, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
				var x row
				p := &x.sig
				err := r.Scan(&p.ID, &p.Name, &p.Website, &p.Country, &p.OrgType, &p.LogoSHA, &p.LogoWidth, &p.LogoHeight, &p.ApprovedAt, &x.key, &x.lowerN)
				return x, err
			})
			if err != nil {
				return fmt.Errorf("store: every public signatory: %w", err)
			}
			for _, x := range batch {
				if err := fn(total, x.sig); err != nil {
					return err
				}
			}
			if len(batch) < signatoryBatch {
				break
			}
			last = batch[len(batch)-1]
		}
	}
	return nil
}

// signatoryBatch is how many signatories EachPublicSignatory reads at a time.
const signatoryBatch = 250

const (
	everyKeyedSignatorySQL = `
	SELECT ` + publicSignatoryColumns + `, s.name_key, lower(s.name)
	FROM ` + publicSignatoryFrom + `
	WHERE s.status = 'approved'
		AND (nullif(s.name_key, '') COLLATE "C", lower(s.name), s.id) > (@key COLLATE "C", @name, @id)
	ORDER BY ` + publicSignatoryOrder + `
	LIMIT @batch`
	everyUnkeyedSignatorySQL = `
	SELECT ` + publicSignatoryColumns + `, s.name_key, lower(s.name)
	FROM ` + publicSignatoryFrom + `
	WHERE s.status = 'approved' AND nullif(s.name_key, '') IS NULL
		AND (lower(s.name), s.id) > (@name, @id)
	ORDER BY ` + publicSignatoryOrder + `
	LIMIT @batch`
)

// SignatoryCountries returns the countries of approved signatories, for
// the public list's filter.
func (s *Store) SignatoryCountries(ctx context.Context) ([]string, error) {
	// A country at a time, each the next after the last one found, off
	// the index signatories_public_country: as many index lookups as
	// there are countries, however many signatories each has.
	rows, _ := s.db.Query(ctx, signatoryCountriesSQL)
	return allRows(rows, pgx.RowTo[string], "signatory countries")
}

const signatoryCountriesSQL = `
	WITH RECURSIVE c (country) AS (
		(SELECT country FROM signatories WHERE status = 'approved' AND country <> '' ORDER BY country LIMIT 1)
		UNION ALL
		SELECT (SELECT s.country FROM signatories s WHERE s.status = 'approved' AND s.country <> ''
			AND s.country > c.country ORDER BY s.country LIMIT 1)
		FROM c WHERE c.country IS NOT NULL
	)
	SELECT country FROM c WHERE country IS NOT NULL`

// EraseSignatoryContact removes a signatory's personal data: the contact's
// name, email and role, its tokens, the emails sent to it with their send
// jobs, and the addresses the contact's actions were recorded from (see
// forgetPerson). The organisation stays as it is. Call it in a
// transaction, so it is all or nothing.
func (s *Store) EraseSignatoryContact(ctx context.Context, id int64) error {
	var email string
	err := s.db.QueryRow(ctx, `SELECT contact_email FROM signatories WHERE id = $1 FOR UPDATE`, id).Scan(&email)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: erase signatory %d: %w", id, err)
	}
	rows, _ := s.db.Query(ctx, `DELETE FROM emails WHERE signatory_id = $1 OR ($2 <> '' AND lower(to_address) = $2) RETURNING id, to_address`,
		id, strings.ToLower(email))
	var emailIDs []int64
	addresses := []string{email}
	var emailID int64
	var to string
	if _, err := pgx.ForEachRow(rows, []any{&emailID, &to}, func() error {
		emailIDs = append(emailIDs, emailID)
		addresses = append(addresses, to) // an address the contact had before a change
		return nil
	}); err != nil {
		return fmt.Errorf("store: erase signatory %d emails: %w", id, err)
	}
	if err := s.forgetPerson(ctx, "signatory", strconv.FormatInt(id, 10), addresses, emailIDs); err != nil {
		return err
	}
	if _, err := s.DeleteLinkTokens(ctx, TokenOwner{OwnerSignatory, id}); err != nil {
		return fmt.Errorf("store: erase signatory %d: %w", id, err)
	}
	if _, err := s.db.Exec(ctx, `
		UPDATE signatories SET contact_name = '', contact_email = '', contact_role = '', erased_at = now(), updated_at = now()
		WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: erase signatory %d: %w", id, err)
	}
	return nil
}

// DeleteSignatory removes a signatory entirely (an erased submission that
// was never approved, or one left unconfirmed).
func (s *Store) DeleteSignatory(ctx context.Context, id int64) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM emails WHERE signatory_id = $1`, id); err != nil {
		return fmt.Errorf("store: delete signatory %d emails: %w", id, err)
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM signatories WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: delete signatory %d: %w", id, err)
	}
	return nil
}

// UnconfirmedBefore returns the submissions still awaiting confirmation
// that were last changed before cutoff (a submission sent back for
// confirmation after a change of contact gets its full time again).
func (s *Store) UnconfirmedBefore(ctx context.Context, cutoff time.Time) ([]Signatory, error) {
	rows, err := s.db.Query(ctx, `SELECT `+signatoryColumns+` FROM `+signatoryFrom+`
		WHERE s.status = 'awaiting_confirmation' AND s.updated_at < $1 ORDER BY s.id FOR UPDATE OF s SKIP LOCKED`, cutoff)
	if err != nil {
		return nil, fmt.Errorf("store: unconfirmed signatories: %w", err)
	}
	defer rows.Close()
	var out []Signatory
	for rows.Next() {
		sig, err := scanSignatory(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unconfirmed signatories: %w", err)
		}
		out = append(out, sig)
	}
	return out, rows.Err()
}

// RejectionReason is one of the reasons staff give when rejecting.
type RejectionReason struct {
	Slug string
	Text string // in the language asked for, English where untranslated
}

// RejectionReasons returns the reasons in order, in lang.
func (s *Store) RejectionReasons(ctx context.Context, lang string) ([]RejectionReason, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT r.slug, t.text FROM rejection_reasons r
		`+translated("rejection_reason_texts", "reason_slug", "r.slug", "$1")+`
		ORDER BY r.position, r.slug`, lang)
	return allRows(rows, pgx.RowToStructByPos[RejectionReason], "rejection reasons")
}

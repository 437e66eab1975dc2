package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sswalliance/advocacy/internal/mail"
)

// Config is every setting the program reads from the environment.
type Config struct {
	// DatabaseURL is a PostgreSQL connection string. Empty means "use the
	// embedded cluster in .data/postgres".
	DatabaseURL string
	// Addr is the host:port the HTTP server listens on.
	Addr string
	// BaseURL is the public origin of the site, used for absolute links in
	// feeds and emails, and to decide whether to send HSTS.
	BaseURL *url.URL
	// LogLevel is the minimum level logged.
	LogLevel slog.Level
	// LogFormat is "text" or "json".
	LogFormat string
	// SMTPURL is the mail server (smtp://user:pass@host:587 or smtps://...).
	// Empty means email is not sent: it is logged and shown in the staff
	// area's outbox.
	SMTPURL string
	// MailFrom is the From of every email.
	MailFrom string
	// MailPerMinute caps the emails of mailings sent per minute (the mail
	// provider's limit); 0 means no cap.
	MailPerMinute int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed: a request from one of them is counted (for sign-in
	// throttling and form rate limits) against the address it names.
	TrustedProxies []netip.Prefix
	// FileCacheDir holds the local copies downloads are sent from (named
	// by content hash, filled from the database); FileCacheBytes is how
	// much they may take.
	FileCacheDir   string
	FileCacheBytes int64
	// PageCacheBytes is how much memory the rendered public pages kept
	// for reuse may take (PAGE_CACHE_MB; 0 turns the cache off).
	PageCacheBytes int64
}

// HTTPS reports whether the site is served over TLS.
func (c Config) HTTPS() bool { return c.BaseURL.Scheme == "https" }

// Load reads the configuration through getenv (os.Getenv in production).
// Every problem found is reported, not just the first.
func Load(getenv func(string) string) (Config, error) {
	var errs []error
	c := Config{
		DatabaseURL: strings.TrimSpace(getenv("DATABASE_URL")),
		Addr:        strings.TrimSpace(getenv("ADDR")),
		LogFormat:   strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))),
		SMTPURL:     strings.TrimSpace(getenv("SMTP_URL")),
		MailFrom:    strings.TrimSpace(getenv("MAIL_FROM")),
	}
	if c.SMTPURL != "" {
		if _, err := mail.ParseURL(c.SMTPURL); err != nil {
			errs = append(errs, fmt.Errorf("SMTP_URL: %w", err))
		}
	}

	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, errors.New("DATABASE_URL: must be a postgres:// or postgresql:// URL, or unset to use the embedded database"))
		}
	}

	if c.Addr == "" {
		c.Addr = ":8080"
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil || port == "" {
		errs = append(errs, fmt.Errorf("ADDR: %q is not host:port (for example :8080 or 127.0.0.1:18080)", c.Addr))
	}

	if raw := strings.TrimSpace(getenv("BASE_URL")); raw != "" {
		u, err := url.Parse(raw)
		switch {
		case err != nil || u.Host == "":
			errs = append(errs, fmt.Errorf("BASE_URL: %q is not an absolute URL (for example https://example.org)", raw))
		case u.Scheme != "http" && u.Scheme != "https":
			errs = append(errs, fmt.Errorf("BASE_URL: scheme must be http or https, not %q", u.Scheme))
		case u.Path != "" && u.Path != "/", u.RawQuery != "", u.Fragment != "":
			errs = append(errs, fmt.Errorf("BASE_URL: %q must be an origin only, without a path, query or fragment", raw))
		default:
			u.Path = ""
			c.BaseURL = u
		}
	} else {
		// Default to where the server listens, so links work under make run.
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		c.BaseURL = &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port)}
	}

	switch lvl := strings.ToLower(strings.TrimSpace(getenv("LOG_LEVEL"))); lvl {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL: %q is not one of debug, info, warn, error", lvl))
	}

	switch c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("LOG_FORMAT: %q is not one of text, json", c.LogFormat))
	}

	for _, raw := range strings.FieldsFunc(getenv("TRUSTED_PROXIES"), func(r rune) bool { return r == ',' || r == ' ' }) {
		p, err := netip.ParsePrefix(raw)
		if err != nil {
			a, aerr := netip.ParseAddr(raw)
			if aerr != nil {
				errs = append(errs, fmt.Errorf("TRUSTED_PROXIES: %q is not an address or CIDR range (for example 10.0.0.0/8,127.0.0.1)", raw))
				continue
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}

	c.MailPerMinute = 300
	if raw := strings.TrimSpace(getenv("MAIL_PER_MINUTE")); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("MAIL_PER_MINUTE: %q is not a whole number of emails a minute (0 for no cap)", raw))
		}
		c.MailPerMinute = n
	}

	c.FileCacheDir = strings.TrimSpace(getenv("FILE_CACHE_DIR"))
	if c.FileCacheDir == "" {
		c.FileCacheDir = filepath.Join(os.TempDir(), "advocacy-files")
	}
	c.FileCacheBytes = 1 << 30
	if raw := strings.TrimSpace(getenv("FILE_CACHE_MB")); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 1 || n > 1<<30 {
			errs = append(errs, fmt.Errorf("FILE_CACHE_MB: %q is not a whole number of megabytes (at least 1)", raw))
		}
		c.FileCacheBytes = n << 20
	}

	c.PageCacheBytes = 64 << 20
	if raw := strings.TrimSpace(getenv("PAGE_CACHE_MB")); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 0 || n > 1<<20 {
			errs = append(errs, fmt.Errorf("PAGE_CACHE_MB: %q is not a whole number of megabytes (0 turns the page cache off)", raw))
		}
		c.PageCacheBytes = n << 20
	}

	if c.MailFrom == "" && c.BaseURL != nil {
		c.MailFrom = "Social Service Workforce campaign <no-reply@" + c.BaseURL.Hostname() + ">"
	}
	if _, err := netmail.ParseAddress(c.MailFrom); c.MailFrom != "" && err != nil {
		errs = append(errs, fmt.Errorf("MAIL_FROM: %q is not an email address (for example Campaign <no-reply@example.org>)", c.MailFrom))
	}

	if len(errs) > 0 {
		return Config{}, fmt.Errorf("configuration: %w", errors.Join(errs...))
	}
	return c, nil
}

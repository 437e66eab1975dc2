package content

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/markdown"
)

// Layouts of Date and DateTime values, as HTML date inputs send them.
const (
	DateLayout     = "2006-01-02"
	DateTimeLayout = "2006-01-02T15:04"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FromForm reads k's fields from a submitted form into a Doc, tidied: line
// endings made \n, surrounding spaces trimmed. File fields are left to the
// caller, which stores uploads.
func FromForm(k *Kind, form url.Values) Doc {
	d := Doc{}
	if k.ParentField != "" {
		d[k.ParentField] = strings.TrimSpace(form.Get(k.ParentField))
	}
	for _, f := range k.Fields {
		for _, key := range f.Keys() {
			switch f.Type {
			case File:
			case Checkbox:
				if form.Get(key) != "" {
					d[key] = "true"
				} else {
					d[key] = ""
				}
			case Choices:
				var vals []string
				for _, v := range form[key] {
					if v = strings.TrimSpace(v); v != "" {
						vals = append(vals, v)
					}
				}
				d[key] = strings.Join(vals, "\n")
			default:
				v := strings.ReplaceAll(form.Get(key), "\r\n", "\n")
				d[key] = strings.TrimSpace(v)
			}
		}
	}
	return d
}

// Keys returns the doc keys of f: one per language when translated.
func (f Field) Keys() []string {
	if !f.Translated {
		return []string{f.Name}
	}
	keys := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		keys[i] = Key(f.Name, l)
	}
	return keys
}

// Validate checks d against k's fields and then k's own Check, returning
// doc key -> a message saying what to fix. key is the item's key ("" or
// provisional when it has never been published).
func Validate(ctx context.Context, db DB, k *Kind, key string, d Doc) (form.Problems, error) {
	problems := form.Problems{}
	for _, f := range k.Fields {
		for i, dk := range f.Keys() {
			v := d[dk]
			if !form.Typable(v) {
				// Postgres refuses it; say so beside the field rather
				// than let the rehearsal fail on it.
				problems[dk] = f.Label + " holds a character that cannot be saved (a NUL or broken text, as pasted from some programs). Retype it and save again."
				continue
			}
			if v == "" {
				if f.Required && i == 0 {
					problems[dk] = fmt.Sprintf("Enter the %s.", strings.ToLower(f.Label))
					if f.Type == File {
						problems[dk] = "Choose a file to upload."
					}
				}
				continue
			}
			if n := utf8.RuneCountInString(v); n > f.Limit() {
				problems[dk] = fmt.Sprintf("%s must be %d characters or fewer; it is %d.", f.Label, f.Limit(), n)
				continue
			}
			if msg, err := checkFormat(ctx, db, f, d, v); err != nil {
				return nil, err
			} else if msg != "" {
				problems[dk] = msg
			}
		}
	}
	if k.Check != nil {
		if IsProvisional(key) {
			key = ""
		}
		problems.Merge(k.Check(ctx, db, key, d))
	}
	return problems, nil
}

// checkNumber checks a Number field's value against its bounds (Min and
// Max, when Max is above 0), saying which one it passed: a number too long
// for an int is too large or too small, not "not a number".
func checkNumber(f Field, v string) string {
	n, err := strconv.Atoi(v)
	if f.Max <= 0 {
		if err != nil {
			return "Enter a whole number, like 2018."
		}
		return ""
	}
	switch {
	case errors.Is(err, strconv.ErrRange) && strings.HasPrefix(v, "-"), err == nil && n < f.Min:
		return fmt.Sprintf("%s must be %d or more.", f.Label, f.Min)
	case errors.Is(err, strconv.ErrRange), err == nil && n > f.Max:
		return fmt.Sprintf("%s must be %d or less.", f.Label, f.Max)
	case err != nil:
		return fmt.Sprintf("Enter a whole number from %d to %d in digits only, without decimals, commas or spaces.", f.Min, f.Max)
	}
	return ""
}

func checkFormat(ctx context.Context, db DB, f Field, d Doc, v string) (string, error) {
	switch f.Type {
	case Text, Slug, URL, Path, Number, Date, DateTime, Select, Image:
		if strings.ContainsAny(v, "\n\r") {
			return f.Label + " must be on one line.", nil
		}
	}
	switch f.Type {
	case Slug:
		if !slugPattern.MatchString(v) {
			return "Use lowercase letters, numbers and single hyphens only, like world-social-work-day.", nil
		}
	case URL:
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "Enter a full web address starting with https://, like https://example.org/report.", nil
		}
	case Path:
		if !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") || strings.ContainsAny(v, " \\") {
			return "Enter a page of this site starting with /, like /toolkit.", nil
		}
	case Number:
		return checkNumber(f, v), nil
	case Date:
		if _, err := time.Parse(DateLayout, v); err != nil {
			return "Enter a real date as year-month-day, like 2018-04-02.", nil
		}
	case DateTime:
		if _, err := time.Parse(DateTimeLayout, v); err != nil {
			return "Enter a real date and time, like 2018-04-02T14:30.", nil
		}
	case Image:
		// Only the digits the choices send: "+5" or "05" would be saved as
		// typed, match no choice, and be lost at the next save.
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 || strconv.FormatInt(id, 10) != v {
			return "Choose an image from the list.", nil
		}
		missing, err := missingImages(ctx, db, []int64{id})
		if err != nil {
			return "", err
		}
		if len(missing) > 0 {
			return fmt.Sprintf("Image #%d is no longer in the media library: choose another.", id), nil
		}
	case Markdown:
		if markdown.BadMediaCodes(v) {
			return "The text has an image code that names no image, such as media:abc: copy the image's code, like ![](media:12), from the media library again.", nil
		}
		missing, err := missingImages(ctx, db, markdown.MediaIDs(v))
		if err != nil {
			return "", err
		}
		if len(missing) > 0 {
			return fmt.Sprintf("The text shows image #%d, which is not in the media library: copy the image's code from the media library again.", missing[0]), nil
		}
	case Select, Choices:
		if f.Options == nil {
			return "", nil
		}
		opts, err := f.Options(ctx, db, d)
		if err != nil {
			return "", err
		}
		for _, val := range strings.Split(v, "\n") {
			if !slices.ContainsFunc(opts, func(o Option) bool { return o.Value == val }) {
				return fmt.Sprintf("Choose %s from the list.", strings.ToLower(f.Label)), nil
			}
		}
	case File:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "Choose a file to upload.", nil
		}
	}
	return "", nil
}

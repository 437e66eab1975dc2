package content

import (
	"fmt"
	"strings"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/share"
)

// maxShareMessages bounds an edition's or a day's ready-to-post messages:
// a handful to choose from, not a feed.
const maxShareMessages = 5

// shareField is the ready-to-post messages of what (the week, the day).
func shareField(what string) Field {
	return Field{Name: "share", Label: "Ready-to-post messages", Type: Lines, Translated: true, MaxLen: 3000,
		Hint: fmt.Sprintf("Two or three short posts about %s that supporters can copy or share, one per line (up to %d). "+
			"The page's link is added to a message without a link of its own. Each must fit on X: %d characters, where any link counts as 23.",
			what, maxShareMessages, share.XLimit)}
}

// checkShare keeps each ready-to-post message within what X allows (its
// length, counted as X counts it, and the characters it takes), and their
// number small, saying which message is too long and by how much.
func checkShare(problems map[string]string, d Doc) {
	for _, l := range i18n.Langs {
		key := Key("share", l)
		msgs := share.Messages(d[key])
		if len(msgs) > maxShareMessages {
			problems[key] = fmt.Sprintf("Keep to %d messages at most (there are %d): supporters choose more easily from a few.", maxShareMessages, len(msgs))
			continue
		}
		var long []string
		for i, m := range msgs {
			if r, ok := share.XRefused(m); ok {
				problems[key] = fmt.Sprintf("Message %d holds an invisible character X refuses posts with (U+%04X, a text direction mark or a byte-order mark, often pasted from another document): type the message again, or delete and retype the characters around it.", i+1, r)
				break
			}
			if n := share.XLength(m); n > share.XLimit {
				long = append(long, fmt.Sprintf("message %d is %d characters, %d over", i+1, n, n-share.XLimit))
			}
		}
		if len(long) > 0 && problems[key] == "" {
			problems[key] = fmt.Sprintf("Too long for X, which allows %d characters (any link counts as 23, and the page's link is added to a message without one): %s.",
				share.XLimit, strings.Join(long, "; "))
		}
	}
}

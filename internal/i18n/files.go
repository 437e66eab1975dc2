package i18n

import (
	"strconv"
	"strings"
)

// FileFormat names a file's format for people, the same in every
// language: "PDF", "Word".
func FileFormat(contentType string) string {
	switch ct, _, _ := strings.Cut(contentType, ";"); strings.TrimSpace(ct) {
	case "application/pdf":
		return "PDF"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return "Word"
	case "application/vnd.openxmlformats-officedocument.presentationml.presentation":
		return "PowerPoint"
	case "image/png":
		return "PNG"
	case "image/jpeg":
		return "JPEG"
	default:
		_, sub, _ := strings.Cut(ct, "/")
		return strings.ToUpper(sub)
	}
}

// FileSize gives a file size as people read it in l: "512 bytes", "48 KB",
// "1.2 MB" ("1,2 MB" in Spanish).
func (l Lang) FileSize(n int64) string {
	if n < 1024 {
		return strings.ReplaceAll(l.T("resource.bytes"), "{n}", strconv.FormatInt(n, 10))
	}
	size, unit := float64(n)/1024, "KB"
	for _, u := range []string{"MB", "GB"} {
		if size < 1024 {
			break
		}
		size, unit = size/1024, u
	}
	var s string
	if size < 10 {
		s = strconv.FormatFloat(size, 'f', 1, 64)
		s = strings.TrimSuffix(s, ".0")
	} else {
		s = strconv.FormatFloat(size, 'f', 0, 64)
	}
	if l == ES {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + unit
}

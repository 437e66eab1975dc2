package upload

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"strings"
)

// MaxSize is the largest file staff may upload.
const MaxSize = 50 << 20

// ErrTooLarge is returned for a file over MaxSize.
var ErrTooLarge = fmt.Errorf("the file is larger than %d MB: make it smaller (export a compressed PDF, or shrink the images) and try again", MaxSize>>20)

// ErrUnsupported is returned for content that is not an accepted type.
var ErrUnsupported = errors.New("the file is not a PDF, an Office document or an image (PNG, JPEG, GIF or WebP): save it as one of those and try again")

// ErrEmpty is returned for an empty file.
var ErrEmpty = errors.New("the file is empty: choose the file again")

// Kind is an accepted type of file.
type Kind struct {
	ContentType string
	Ext         string // with the dot: ".pdf"
	Name        string // for people: "PDF"
}

var (
	pdf  = Kind{"application/pdf", ".pdf", "PDF"}
	png  = Kind{"image/png", ".png", "PNG image"}
	jpeg = Kind{"image/jpeg", ".jpg", "JPEG image"}
	gif  = Kind{"image/gif", ".gif", "GIF image"}
	webp = Kind{"image/webp", ".webp", "WebP image"}
	docx = Kind{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word document"}
	xlsx = Kind{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel workbook"}
	pptx = Kind{"application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "PowerPoint presentation"}
	doc  = Kind{"application/msword", ".doc", "Word document"}
	xls  = Kind{"application/vnd.ms-excel", ".xls", "Excel workbook"}
	ppt  = Kind{"application/vnd.ms-powerpoint", ".ppt", "PowerPoint presentation"}
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Sniff returns what data is. name (the uploaded file's name) only picks
// between the legacy Office formats, which share one container and cannot
// be told apart cheaply from the bytes.
func Sniff(name string, data []byte) (Kind, error) {
	if len(data) == 0 {
		return Kind{}, ErrEmpty
	}
	if len(data) > MaxSize {
		return Kind{}, ErrTooLarge
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return pdf, nil
	case bytes.HasPrefix(data, oleMagic):
		switch strings.ToLower(path.Ext(name)) {
		case ".xls":
			return xls, nil
		case ".ppt":
			return ppt, nil
		}
		return doc, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffOOXML(data)
	}
	switch http.DetectContentType(data) {
	case "image/png":
		return png, nil
	case "image/jpeg":
		return jpeg, nil
	case "image/gif":
		return gif, nil
	case "image/webp":
		return webp, nil
	}
	return Kind{}, ErrUnsupported
}

// sniffOOXML tells Word, Excel and PowerPoint files from other zip files by
// the parts inside them.
func sniffOOXML(data []byte) (Kind, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Kind{}, ErrUnsupported
	}
	var types bool
	var kind Kind
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(f.Name, "word/"):
			kind = docx
		case strings.HasPrefix(f.Name, "xl/"):
			kind = xlsx
		case strings.HasPrefix(f.Name, "ppt/"):
			kind = pptx
		}
	}
	if !types || kind.Ext == "" {
		return Kind{}, ErrUnsupported
	}
	return kind, nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// FileName returns a safe name for a stored file: the upload's name reduced
// to letters, digits, dots, hyphens and underscores, with the extension of
// what the file really is.
func FileName(uploaded string, k Kind) string {
	base := path.Base(strings.ReplaceAll(uploaded, `\`, "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	base = unsafeName.ReplaceAllString(base, "-")
	for strings.Contains(base, "--") {
		base = strings.ReplaceAll(base, "--", "-")
	}
	base = strings.Trim(base, "-._")
	if base == "" {
		base = "file"
	}
	if len(base) > 150 {
		base = base[:150]
	}
	return base + k.Ext
}

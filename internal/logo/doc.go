// Package logo turns a logo uploaded on the public Call to Action form into
// a small, clean PNG the site can serve safely.
//
// Nothing about an upload is trusted: its type comes from its bytes, its
// size in pixels is checked from the header before anything is decoded, and
// the image is always decoded and re-encoded, so metadata, scripts appended
// after the image data and polyglot tricks never reach the site.
package logo

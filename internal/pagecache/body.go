package pagecache

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"sync"

	"github.com/andybalholm/brotli"
)

// Encodings a page is kept in. The numbers index body's arrays.
const (
	identity = iota
	gzipped
	brotlied
	encodings
)

// The compression levels: a page is compressed once per change, but a
// crawl of distinct searches makes every request a new page, so the
// levels are those that cost about a millisecond for a page of 30 KB
// (brotli's best, 11, takes some 40 times longer for a few per cent).
const (
	gzipLevel   = gzip.DefaultCompression
	brotliLevel = 5
)

// The compressors, reused: each holds hundreds of kilobytes of state.
var (
	gzipWriters = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, gzipLevel) // the level is valid
		return w
	}}
	brotliWriters = sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, brotliLevel) }}
)

// body is a finished page kept in its three encodings. A page with a
// per-response part (a form's stamp) is kept in two pieces: head, every
// byte before the first marker, compressed once and left open (flushed to
// a byte boundary, not finished); and tail, the rest, holding the markers.
// Each response writes head, then the tail with its markers replaced,
// framed as stored (uncompressed) blocks of the same stream, then the
// stream's end. The tail is kept short by putting the per-response parts
// at the very end of the page (see templates.Layout), so nearly all of a
// page goes out compressed and nothing is compressed per response.
type body struct {
	head [encodings][]byte
	// tail is nil for a page without a per-response part: head is then
	// each encoding's whole, finished stream.
	tail []byte
	// crc is the CRC-32 of the uncompressed head, which gzip's trailer
	// continues over the tail; size is len of the uncompressed head.
	crc  uint32
	size int
}

// newBody compresses page, whose per-response parts are the marker.
func newBody(page []byte, marker string) (body, error) {
	var b body
	headLen := len(page)
	if marker != "" {
		if i := bytes.Index(page, []byte(marker)); i >= 0 {
			headLen = i
			b.tail = bytes.Clone(page[i:])
		}
	}
	head := page[:headLen]
	// Copies of exactly their size: the buffers they come from have room
	// to spare, which the budget would not see.
	b.head[identity], b.crc, b.size = bytes.Clone(head), crc32.ChecksumIEEE(head), len(head)
	finish := b.tail == nil

	var gz bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&gz)
	var err error
	if _, err := zw.Write(head); err != nil {
		return body{}, err
	}
	if finish {
		err = zw.Close()
	} else {
		// A sync flush ends on a byte boundary with no final block: the
		// tail's stored blocks follow it. (gzip.Writer writes its header
		// on the first Write or Flush, so an empty head still has one.)
		err = zw.Flush()
	}
	if err != nil {
		return body{}, err
	}
	b.head[gzipped] = bytes.Clone(gz.Bytes())

	var br bytes.Buffer
	bw := brotliWriters.Get().(*brotli.Writer)
	defer brotliWriters.Put(bw)
	bw.Reset(&br)
	if _, err := bw.Write(head); err != nil {
		return body{}, err
	}
	if finish {
		err = bw.Close()
	} else {
		// Flush ends the meta-blocks so far on a byte boundary (padding
		// with an empty metadata block when needed).
		err = bw.Flush()
	}
	if err != nil {
		return body{}, err
	}
	b.head[brotlied] = bytes.Clone(br.Bytes())
	return b, nil
}

// bytes is the size the body takes in memory.
func (b *body) bytes() int {
	n := len(b.tail)
	for _, h := range b.head {
		n += len(h)
	}
	return n
}

// appendTo appends to dst the whole response body in encoding enc, with
// every marker in the tail replaced by part.
func (b *body) appendTo(dst []byte, enc int, marker, part string) []byte {
	dst = append(dst, b.head[enc]...)
	if b.tail == nil {
		return dst
	}
	if enc == identity {
		return appendReplaced(dst, b.tail, marker, part)
	}
	// The tail goes raw, inside blocks of the compressed stream.
	tail := appendReplaced(make([]byte, 0, len(b.tail)+len(part)), b.tail, marker, part)
	switch enc {
	case gzipped:
		dst = appendStoredBlocks(dst, tail)
		crc := crc32.Update(b.crc, crc32.IEEETable, tail)
		dst = binary.LittleEndian.AppendUint32(dst, crc)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(b.size+len(tail)))
	case brotlied:
		dst = appendUncompressedMetaBlocks(dst, tail)
	}
	return dst
}

// appendReplaced appends s to dst with every old replaced by new.
func appendReplaced(dst, s []byte, old, new string) []byte {
	for {
		i := bytes.Index(s, []byte(old))
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(append(dst, s[:i]...), new...)
		s = s[i+len(old):]
	}
}

// appendStoredBlocks appends p as DEFLATE stored blocks (RFC 1951 3.2.4),
// the last one final. The stream before them ends on a byte boundary.
func appendStoredBlocks(dst, p []byte) []byte {
	for {
		n := min(len(p), 0xffff)
		final := byte(0)
		if n == len(p) {
			final = 1
		}
		// BFINAL, then BTYPE 00, padded to the byte: one byte. Then LEN
		// and its ones' complement NLEN.
		dst = append(dst, final)
		dst = binary.LittleEndian.AppendUint16(dst, uint16(n))
		dst = binary.LittleEndian.AppendUint16(dst, ^uint16(n))
		dst = append(dst, p[:n]...)
		p = p[n:]
		if final == 1 {
			return dst
		}
	}
}

// appendUncompressedMetaBlocks appends p as Brotli uncompressed
// meta-blocks (RFC 7932 9.2), then the empty last meta-block that ends
// the stream. The stream before them ends on a byte boundary.
func appendUncompressedMetaBlocks(dst, p []byte) []byte {
	for len(p) > 0 {
		n := min(len(p), 1<<16)
		// ISLAST 0 (1 bit), MNIBBLES 0 meaning four nibbles (2 bits),
		// MLEN-1 (16 bits), ISUNCOMPRESSED 1 (1 bit): 20 bits, padded
		// with zeros to three bytes; then the bytes as they are.
		h := uint32(n-1)<<3 | 1<<19
		dst = append(dst, byte(h), byte(h>>8), byte(h>>16))
		dst = append(dst, p[:n]...)
		p = p[n:]
	}
	// ISLAST 1, ISLASTEMPTY 1.
	return append(dst, 0x03)
}

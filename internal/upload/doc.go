// Package upload decides what a staff upload really is, from its bytes:
// never from its name or the browser's word. Only documents and images a
// campaign site publishes get through.
package upload

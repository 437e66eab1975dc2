// Package form holds the one shape every form's checks answer in: which
// field is wrong and what to say about it.
package form

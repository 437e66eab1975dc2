// Package org names what an organisation that signs is: its country (ISO
// 3166-1 codes, with their names in each language, sorted as a reader of
// that language expects) and its type. It is a leaf the views can import
// without the signing workflow and its job queue.
package org

// Package config reads the program's settings from the environment and
// validates them once, at start, so a typo fails loudly instead of later.
package config

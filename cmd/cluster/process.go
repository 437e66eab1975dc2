package main

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// process is one program the cluster runs (an instance or nginx), its
// output shown line by line after its name.
type process struct {
	name string
	path string
	args []string
	env  []string
	out  *lines

	cmd    *exec.Cmd
	exited chan struct{} // closed once it has exited; err is then set
	err    error
}

func (p *process) start() error {
	p.cmd = exec.Command(p.path, p.args...)
	p.cmd.Env = p.env
	w := p.out.prefixed(p.name)
	p.cmd.Stdout, p.cmd.Stderr = w, w
	// In a process group of its own, so the terminal's Ctrl-C reaches
	// only this program, which stops the others in order; and told to
	// stop should this program die without doing so.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := p.cmd.Start(); err != nil {
		return err
	}
	p.exited = make(chan struct{})
	go func() {
		p.err = p.cmd.Wait()
		w.flush()
		close(p.exited)
	}()
	return nil
}

// stop sends sig and waits up to grace for the process to exit, then
// kills it.
func (p *process) stop(sig syscall.Signal, grace time.Duration) {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// lines writes whole lines to w, one writer at a time, so the output of
// the three programs interleaves by line, never within one.
type lines struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lines) print(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	io.WriteString(l.w, s+"\n")
}

// prefixed is a writer whose every line is shown after name.
func (l *lines) prefixed(name string) *prefixWriter {
	return &prefixWriter{to: l, prefix: fmt.Appendf(nil, "%-6s| ", name)}
}

// prefixWriter holds a partial line until its end arrives.
type prefixWriter struct {
	to      *lines
	prefix  []byte
	mu      sync.Mutex
	partial []byte
}

func (w *prefixWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, b...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		w.to.print(string(w.prefix) + string(w.partial[:i]))
		w.partial = w.partial[i+1:]
	}
	// A program that never ends its line cannot hold memory without bound.
	if len(w.partial) > 64<<10 {
		w.to.print(string(w.prefix) + string(w.partial))
		w.partial = nil
	}
	return len(b), nil
}

// flush shows what is left of a last line without its end.
func (w *prefixWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.partial) > 0 {
		w.to.print(string(w.prefix) + string(w.partial))
		w.partial = nil
	}
}

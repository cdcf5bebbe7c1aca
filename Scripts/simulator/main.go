// Command vcsim runs govmomi's vSphere simulator (package simulator, govmomi
// 0.24 from Debian) for swift-esx's tests and benchmarks, extended with the
// SOAP methods that version lacks (see extend.go) and optional "asking" VMs.
//
// Build in GOPATH mode, from the repository root:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$PWD/.build/go-cache \
//	    go build -o .build/sim/vcsim ./Scripts/simulator
//
// The first line on stdout is the service URL (http[s]://127.0.0.1:PORT/sdk);
// logs go to stderr. The process runs until SIGINT/SIGTERM/SIGHUP or, with
// -watch-stdin, until its stdin reaches EOF (so it dies with its parent).
package main

import (
	"context"
	"crypto/tls"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/vmware/govmomi/simulator"
)

var (
	modelName  = flag.String("model", "vpx", "inventory model: esx (standalone host) or vpx (vCenter)")
	listen     = flag.String("listen", "127.0.0.1:0", "address to listen on; port 0 picks a free port")
	useTLS     = flag.Bool("tls", false, "serve https with the simulator's built-in self-signed certificate")
	username   = flag.String("username", "user", "the only user name Login accepts")
	password   = flag.String("password", "pass", "the only password Login accepts")
	urlFile    = flag.String("url-file", "", "write the service URL to this file once listening (removed on exit)")
	certFile   = flag.String("cert-file", "", "with -tls: serve a fresh ECDSA certificate for 127.0.0.1 instead of the built-in one and write it (PEM) to this file before the URL is printed (removed on exit)")
	ask        = flag.Bool("ask", false, "add VMs ask-cancelable and ask-noncancelable whose power-on asks a question")
	autostart  = flag.Bool("autostart", true, "power on the model's VMs")
	watchStdin = flag.Bool("watch-stdin", false, "exit when stdin reaches EOF (use with a pipe from the parent)")
	trace      = flag.Bool("trace", false, "write SOAP requests and responses to stderr")
	jobDelay   = flag.Duration("job-delay", 0, "keep snapshot, relocate, migrate and clone tasks running this long (e.g. 2s) before they do their work")
	shots      = flag.Bool("screenshots", true, "hosts report capability.screenshotSupported (tuning.go)")
)

// knob is an inventory size flag; -1 keeps the model's default.
type knob struct {
	name, usage string
	value       *int
	field       func(*simulator.Model) *int
}

var knobs = []knob{
	{name: "datacenter", usage: "datacenters (vpx)", field: func(m *simulator.Model) *int { return &m.Datacenter }},
	{name: "cluster", usage: "clusters per datacenter (vpx)", field: func(m *simulator.Model) *int { return &m.Cluster }},
	{name: "cluster-host", usage: "hosts per cluster (vpx)", field: func(m *simulator.Model) *int { return &m.ClusterHost }},
	{name: "host", usage: "standalone hosts per datacenter (vpx)", field: func(m *simulator.Model) *int { return &m.Host }},
	{name: "vm", usage: "VMs per host's or cluster's root resource pool", field: func(m *simulator.Model) *int { return &m.Machine }},
	{name: "pool", usage: "child resource pools per cluster (vpx)", field: func(m *simulator.Model) *int { return &m.Pool }},
	{name: "datastore", usage: "local datastores", field: func(m *simulator.Model) *int { return &m.Datastore }},
	{name: "portgroup", usage: "distributed portgroups per datacenter (vpx)", field: func(m *simulator.Model) *int { return &m.Portgroup }},
	{name: "folder", usage: "datacenters placed inside a folder (vpx)", field: func(m *simulator.Model) *int { return &m.Folder }},
}

func main() {
	log.SetFlags(log.Ltime | log.Lmicroseconds)
	log.SetPrefix("vcsim: ")
	for i := range knobs {
		knobs[i].value = flag.Int(knobs[i].name, -1, knobs[i].usage+" (-1: model default)")
	}
	flag.Parse()

	var model *simulator.Model
	switch *modelName {
	case "esx":
		model = simulator.ESX()
	case "vpx":
		model = simulator.VPX()
	default:
		log.Fatalf("unknown -model %q (want esx or vpx)", *modelName)
	}
	for _, k := range knobs {
		if *k.value >= 0 {
			*k.field(model) = *k.value
		}
	}
	model.Autostart = *autostart

	// The model keeps its datastores in temporary folders: put them all in
	// one, so that a stop request even during start-up can remove them.
	tmp, err := os.MkdirTemp("", "vcsim-")
	if err != nil {
		log.Fatal(err)
	}
	_ = os.Setenv("TMPDIR", tmp)
	cleanup := func() {
		_ = os.RemoveAll(tmp)
		_ = os.RemoveAll(tmp + ".stopping")
		if *urlFile != "" {
			_ = os.Remove(*urlFile)
		}
		if *certFile != "" {
			_ = os.Remove(*certFile)
		}
	}

	var (
		mu       sync.Mutex
		stopping bool
		server   *simulator.Server // set once serving
	)
	isStopping := func() bool { mu.Lock(); defer mu.Unlock(); return stopping }
	go func() {
		why := waitForStop()
		log.Printf("stopping: %s", why)
		mu.Lock()
		stopping = true
		srv := server
		mu.Unlock()
		if srv == nil {
			// Still creating the inventory: pull its folder away so that
			// Create fails soon; main then cleans up and exits.
			_ = os.Rename(tmp, tmp+".stopping")
			return
		}
		model.Remove()
		closeServer(srv)
		cleanup()
		os.Exit(0)
	}()
	// A stop during start-up makes Create fail, possibly with a panic.
	exitIfStopping := func() {
		if isStopping() {
			cleanup()
			os.Exit(0)
		}
	}
	defer func() {
		if isStopping() {
			_ = recover()
			exitIfStopping()
		}
	}()

	start := time.Now()
	err = model.Create()
	exitIfStopping()
	if err != nil {
		cleanup()
		log.Fatalf("creating the %s model: %v", *modelName, err)
	}
	addTuningSupport(*shots) // tuning.go
	ext := newExtender(*username)
	ext.jobDelay = *jobDelay
	if *ask {
		err = ext.createAskVMs(context.Background(), model)
		exitIfStopping()
		if err != nil {
			cleanup()
			log.Fatalf("creating the asking VMs: %v", err)
		}
	}
	count := model.Count()
	log.Printf("%s model ready in %.1fs: %d hosts, %d VMs", *modelName, time.Since(start).Seconds(), count.Host, count.Machine)

	// A fresh *url.Userinfo (not simulator.DefaultLogin) makes Login accept
	// exactly these credentials instead of any non-empty pair.
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*username, *password)}
	var certPEM []byte
	if *useTLS {
		model.Service.TLS = new(tls.Config)
		if *certFile != "" {
			// The built-in certificate (RSA 1024) fails OpenSSL's default security level, so
			// clients could not trust it even from a CA file.
			cert, der, err := generateCertificate()
			if err != nil {
				cleanup()
				log.Fatalf("generating a certificate: %v", err)
			}
			model.Service.TLS.Certificates = []tls.Certificate{cert}
			certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
		}
	}
	simulator.Trace = *trace

	mu.Lock()
	if stopping {
		mu.Unlock()
		exitIfStopping()
	}
	server = model.Service.NewServer()
	// NewServer has already started serving. Nobody knows the (possibly
	// freshly picked) port until the URL is printed below, so swapping the
	// handler here happens before any request can arrive.
	ext.next = server.Config.Handler
	server.Config.Handler = ext

	if certPEM != nil {
		if err := writeFileAtomic(*certFile, string(certPEM)); err != nil {
			log.Printf("writing -cert-file: %v", err)
		}
	}
	u := *server.URL
	u.User = nil
	fmt.Println(u.String())
	if *urlFile != "" {
		if err := writeFileAtomic(*urlFile, u.String()+"\n"); err != nil {
			log.Printf("writing -url-file: %v", err)
		}
	}
	log.Printf("serving %s", u.String())
	mu.Unlock()
	select {} // until the stop goroutine exits the process
}

// waitForStop returns why the simulator should stop: a signal or, with
// -watch-stdin, EOF on stdin.
func waitForStop() string {
	stop := make(chan string, 2)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() { stop <- (<-sig).String() }()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop <- "EOF on stdin"
		}()
	}
	return <-stop
}

// closeServer closes the server, but waits at most a second: Close waits for
// active requests, such as a WaitForUpdatesEx that may block for long.
func closeServer(server *simulator.Server) {
	done := make(chan struct{})
	go func() { server.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Second):
	}
}

// writeFileAtomic writes data to a temporary file beside path and renames it,
// so readers never see a partial file.
func writeFileAtomic(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".url-*")
	if err != nil {
		return err
	}
	if _, err = tmp.WriteString(data); err == nil {
		err = tmp.Close()
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

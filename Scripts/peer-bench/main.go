// Command peer-bench is govmomi's side of swift-esx's list-VMs benchmark.
// It logs in once, then -iters times lists every VirtualMachine through a
// recursive ContainerView of the root folder (create view, RetrieveProperties
// of five properties into []mo.VirtualMachine, destroy view), and prints one
// JSON line:
//
//	{"impl":"govmomi","vms":N,"iters":N,"list_min_s":..,"list_median_s":..,"resp_bytes":..}
//
// resp_bytes is the size of one listing's RetrievePropertiesResponse body.
//
// Build in GOPATH mode, from the repository root:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$PWD/.build/go-cache \
//	    go build -o .build/sim/peer-bench ./Scripts/peer-bench
package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"sort"
	"sync/atomic"
	"time"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
)

// properties listed per VM, the same set esx-bench lists.
var properties = []string{"name", "runtime.powerState", "config.uuid", "config.hardware.numCPU", "config.hardware.memoryMB"}

// counter is an http.RoundTripper that counts response body bytes while on.
type counter struct {
	next  http.RoundTripper
	on    int32
	bytes int64
}

func (c *counter) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := c.next.RoundTrip(req)
	if err == nil && atomic.LoadInt32(&c.on) == 1 {
		res.Body = &countingBody{res.Body, &c.bytes}
	}
	return res, err
}

type countingBody struct {
	io.ReadCloser
	n *int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	atomic.AddInt64(b.n, int64(n))
	return n, err
}

func main() {
	rawURL := flag.String("url", "", "SDK URL, e.g. http://user:pass@127.0.0.1:PORT/sdk")
	iters := flag.Int("iters", 10, "number of listings")
	insecure := flag.Bool("insecure", false, "skip TLS certificate verification")
	user := flag.String("user", "", "user name (default: from the URL)")
	pass := flag.String("pass", "", "password (default: from the URL)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("peer-bench: ")

	u, err := url.Parse(*rawURL)
	if err != nil || u.Host == "" || *iters < 1 {
		log.Fatalf("usage: peer-bench -url URL -iters N [-insecure] [-user U -pass P]")
	}
	if *user != "" || *pass != "" {
		u.User = url.UserPassword(*user, *pass)
	}
	if u.User == nil {
		u.User = url.UserPassword("user", "pass")
	}

	ctx := context.Background()
	sc := soap.NewClient(u, *insecure)
	count := &counter{next: sc.Client.Transport}
	sc.Client.Transport = count
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		log.Fatal(err)
	}
	sm := session.NewManager(c)
	if err = sm.Login(ctx, u.User); err != nil {
		log.Fatal(err)
	}
	defer func() { _ = sm.Logout(ctx) }()

	vms, respBytes := 0, int64(0)
	times := make([]float64, 0, *iters)
	for i := 0; i < *iters; i++ {
		start := time.Now()
		v, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"VirtualMachine"}, true)
		if err != nil {
			log.Fatal(err)
		}
		var list []mo.VirtualMachine
		atomic.StoreInt64(&count.bytes, 0)
		atomic.StoreInt32(&count.on, 1)
		err = v.Retrieve(ctx, []string{"VirtualMachine"}, properties, &list)
		atomic.StoreInt32(&count.on, 0)
		if err != nil {
			log.Fatal(err)
		}
		if err = v.Destroy(ctx); err != nil {
			log.Fatal(err)
		}
		times = append(times, time.Since(start).Seconds())
		vms, respBytes = len(list), atomic.LoadInt64(&count.bytes)
	}

	sort.Float64s(times)
	median := times[len(times)/2]
	if len(times)%2 == 0 {
		median = (times[len(times)/2-1] + median) / 2
	}
	_ = json.NewEncoder(os.Stdout).Encode(struct {
		Impl      string  `json:"impl"`
		VMs       int     `json:"vms"`
		Iters     int     `json:"iters"`
		MinS      float64 `json:"list_min_s"`
		MedianS   float64 `json:"list_median_s"`
		RespBytes int64   `json:"resp_bytes"`
	}{"govmomi", vms, *iters, times[0], median, respBytes})
}

package main

// Paged RetrievePropertiesEx, which govmomi 0.24's simulator lacks: it ignores
// RetrieveOptions.maxObjects and has no ContinueRetrievePropertiesEx or
// CancelRetrievePropertiesEx. Here a retrieval asking for fewer objects than
// it selects gets the first maxObjects with a token; Continue returns the next
// page (with a token while more remain), Cancel forgets the rest. Tokens belong
// to the session that made them: another session's token, a used or cancelled
// one is InvalidArgument, as on vCenter; after logout the session check answers
// NotAuthenticated first.

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
	"github.com/vmware/govmomi/vim25/xml"
)

// pagedResult is what remains of one retrieval.
type pagedResult struct {
	session string // the session cookie that made it
	rest    []types.ObjectContent
	max     int
}

type pager struct {
	mu    sync.Mutex
	seq   int
	pages map[string]*pagedResult
}

var retrievals = &pager{pages: make(map[string]*pagedResult)}

// sessionOf is the request's session cookie.
func sessionOf(r *http.Request) string {
	if c, err := r.Cookie(soap.SessionCookieName); err == nil {
		return c.Value
	}
	return ""
}

// servePaging answers the three paging methods; false leaves the request to others.
func (x *extender) servePaging(w http.ResponseWriter, r *http.Request, body []byte, name string) bool {
	switch name {
	case "RetrievePropertiesEx", "ContinueRetrievePropertiesEx", "CancelRetrievePropertiesEx":
	default:
		return false
	}
	method, err := simulator.UnmarshalBody(types.TypeFunc(), body)
	if err != nil {
		return false
	}
	switch req := method.Body.(type) {
	case *types.RetrievePropertiesEx:
		if req.Options.MaxObjects <= 0 {
			return false
		}
		x.retrievePage(w, r, body, int(req.Options.MaxObjects))
	case *types.ContinueRetrievePropertiesEx:
		if x.authenticated(w, r) {
			res, fault := retrievals.next(sessionOf(r), req.Token)
			writeSOAP(w, res, fault)
		}
	case *types.CancelRetrievePropertiesEx:
		if x.authenticated(w, r) {
			fault := retrievals.cancel(sessionOf(r), req.Token)
			writeSOAP(w, &types.CancelRetrievePropertiesExResponse{}, fault)
		}
	default:
		return false
	}
	return true
}

// retrievePage lets the simulator answer the whole retrieval, then keeps all but the first page.
func (x *extender) retrievePage(w http.ResponseWriter, r *http.Request, body []byte, max int) {
	rec := httptest.NewRecorder()
	req := r.Clone(r.Context())
	req.Body = nopCloser{bytes.NewReader(body)}
	req.ContentLength = int64(len(body))
	x.next.ServeHTTP(rec, req)
	var res methods.RetrievePropertiesExBody
	dec := xml.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.TypeFunc = types.TypeFunc()
	if rec.Code != http.StatusOK || dec.Decode(&soap.Envelope{Body: &res}) != nil ||
		res.Res == nil || res.Res.Returnval == nil || len(res.Res.Returnval.Objects) <= max {
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		return
	}
	objects := res.Res.Returnval.Objects
	token := retrievals.keep(sessionOf(r), objects[max:], max)
	writeSOAP(w, &types.RetrievePropertiesExResponse{
		Returnval: &types.RetrieveResult{Token: token, Objects: objects[:max]},
	}, nil)
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

func (p *pager) keep(session string, rest []types.ObjectContent, max int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	token := fmt.Sprintf("swift-esx-page-%d", p.seq)
	p.pages[token] = &pagedResult{session: session, rest: rest, max: max}
	return token
}

func invalidToken(token string) *soap.Fault {
	return simulator.Fault(fmt.Sprintf("invalid retrieval token %q", token),
		&types.InvalidArgument{InvalidProperty: "token"})
}

func (p *pager) next(session, token string) (*types.ContinueRetrievePropertiesExResponse, *soap.Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	page, ok := p.pages[token]
	if !ok || page.session != session {
		return nil, invalidToken(token)
	}
	delete(p.pages, token)
	n := page.max
	if n > len(page.rest) {
		n = len(page.rest)
	}
	result := types.RetrieveResult{Objects: page.rest[:n]}
	if rest := page.rest[n:]; len(rest) > 0 {
		p.seq++
		result.Token = fmt.Sprintf("swift-esx-page-%d", p.seq)
		p.pages[result.Token] = &pagedResult{session: session, rest: rest, max: page.max}
	}
	return &types.ContinueRetrievePropertiesExResponse{Returnval: result}, nil
}

func (p *pager) cancel(session, token string) *soap.Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	page, ok := p.pages[token]
	if !ok || page.session != session {
		return invalidToken(token)
	}
	delete(p.pages, token)
	return nil
}

package main

// SwiftESXPostPropertyChanges: a test-only SOAP method (not part of vSphere)
// that posts property changes to every property collector exactly as named,
// the way vCenter reports changes inside arrays, e.g.
//
//	add            disabledMethod["Destroy_Task"]   (AuthorizationManager.DisableMethods)
//	remove         disabledMethod["Destroy_Task"]   (EnableMethods)
//	indirectRemove disabledMethod["PowerOffVM_Task"]
//
// govmomi 0.24's simulator never emits such names itself. Changes of
// disabledMethod["NAME"] are applied to the entity first, so a later
// RetrieveProperties agrees with what was posted. Filters that ask for a
// parent path collapse an indexed change into a whole-value one (the
// simulator's PropertyFilter.matches); a filter with all=true receives them
// unchanged.
//
//	<SwiftESXPostPropertyChanges xmlns="urn:vim25">
//	  <_this type="VirtualMachine">vm-1</_this>
//	  <change><op>add</op><name>disabledMethod["X"]</name><val>X</val></change>
//	</SwiftESXPostPropertyChanges>

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"regexp"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

const postChangesMethod = "SwiftESXPostPropertyChanges"

type postChangesRequest struct {
	This struct {
		Type  string `xml:"type,attr"`
		Value string `xml:",chardata"`
	} `xml:"Body>SwiftESXPostPropertyChanges>_this"`
	Changes []struct {
		Op   string  `xml:"op"`
		Name string  `xml:"name"`
		Val  *string `xml:"val"`
	} `xml:"Body>SwiftESXPostPropertyChanges>change"`
}

// SwiftESXPostPropertyChangesResponse is the (empty) answer.
type SwiftESXPostPropertyChangesResponse struct{}

var disabledMethodRE = regexp.MustCompile(`^disabledMethod\["([^"]+)"\]$`)

func (x *extender) servePostChanges(w http.ResponseWriter, r *http.Request, body []byte) {
	if !x.authenticated(w, r) {
		return
	}
	var req postChangesRequest
	if err := xml.NewDecoder(bytes.NewReader(body)).Decode(&req); err != nil {
		writeSOAP(w, nil, simulator.Fault(err.Error(), &types.InvalidRequest{}))
		return
	}
	ref := types.ManagedObjectReference{Type: req.This.Type, Value: req.This.Value}
	entity, ok := simulator.Map.Get(ref).(mo.Entity)
	if !ok {
		writeSOAP(w, nil, simulator.Fault("", &types.ManagedObjectNotFound{Obj: ref}))
		return
	}
	var changes []types.PropertyChange
	for _, c := range req.Changes {
		change := types.PropertyChange{Name: c.Name, Op: types.PropertyChangeOp(c.Op)}
		if c.Val != nil {
			change.Val = *c.Val
		}
		changes = append(changes, change)
	}
	var fault *soap.Fault
	simulator.Map.WithLock(entity, func() {
		for _, change := range changes {
			m := disabledMethodRE.FindStringSubmatch(change.Name)
			if m == nil {
				continue
			}
			fault = applyDisabledMethod(entity.Entity(), change.Op, m[1])
			if fault != nil {
				return
			}
		}
		simulator.Map.Update(entity, changes)
	})
	if fault != nil {
		writeSOAP(w, nil, fault)
		return
	}
	writeSOAP(w, &SwiftESXPostPropertyChangesResponse{}, nil)
}

// applyDisabledMethod adds or removes one method name in e.DisabledMethod.
func applyDisabledMethod(e *mo.ManagedEntity, op types.PropertyChangeOp, method string) *soap.Fault {
	switch op {
	case types.PropertyChangeOpAdd, types.PropertyChangeOpAssign:
		for _, m := range e.DisabledMethod {
			if m == method {
				return nil
			}
		}
		e.DisabledMethod = append(e.DisabledMethod, method)
	case types.PropertyChangeOpRemove, types.PropertyChangeOpIndirectRemove:
		kept := e.DisabledMethod[:0]
		for _, m := range e.DisabledMethod {
			if m != method {
				kept = append(kept, m)
			}
		}
		e.DisabledMethod = kept
	default:
		return simulator.Fault("unknown op "+string(op), &types.InvalidArgument{InvalidProperty: "op"})
	}
	return nil
}

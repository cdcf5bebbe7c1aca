package main

// RefreshDatastore: govmomi 0.24's simulator answers it with HTTP 200 and an
// empty body (no SOAP envelope). Here it answers as a server does: an empty
// RefreshDatastoreResponse for a datastore, ManagedObjectNotFound otherwise.

import (
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

func (x *extender) refreshDatastore(m *simulator.Method) (interface{}, *soap.Fault) {
	if _, ok := simulator.Map.Get(m.This).(*simulator.Datastore); !ok {
		return nil, simulator.Fault("", &types.ManagedObjectNotFound{Obj: m.This})
	}
	return &types.RefreshDatastoreResponse{}, nil
}

package main

// -job-delay: the tasks of long VM jobs (snapshots, relocation, migration,
// cloning) stay running for the given time before doing their work, so that
// other clients can see them queued or running in the VM's recentTask
// (govmomi 0.24 runs them to completion inside the request). The task that
// the client gets back carries vCenter's name and descriptionId and the VM as
// its entity (also for snapshot methods, whose _this is a snapshot); after the
// delay the request is served as without the flag and its outcome becomes the
// outcome of that task.

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// delayedJobs maps a method to the descriptionId vCenter gives its task.
var delayedJobs = map[string]string{
	"CreateSnapshot_Task":          "VirtualMachine.createSnapshot",
	"RevertToCurrentSnapshot_Task": "VirtualMachine.revertToCurrentSnapshot",
	"RemoveAllSnapshots_Task":      "VirtualMachine.removeAllSnapshots",
	"RevertToSnapshot_Task":        "VirtualMachineSnapshot.revert",
	"RemoveSnapshot_Task":          "VirtualMachineSnapshot.remove",
	"RelocateVM_Task":              "VirtualMachine.relocate",
	"MigrateVM_Task":               "VirtualMachine.migrate",
	"CloneVM_Task":                 "VirtualMachine.clone",
}

var (
	returnTaskRE  = regexp.MustCompile(`<returnval[^>]*>([^<]+)</returnval>`)
	faultStringRE = regexp.MustCompile(`<faultstring>([^<]*)</faultstring>`)
)

// isDelayedJob reports whether body calls a method -job-delay holds back.
func (x *extender) isDelayedJob(body []byte) bool {
	if x.jobDelay <= 0 {
		return false
	}
	m := methodRE.FindSubmatch(body)
	return m != nil && delayedJobs[string(m[1])] != ""
}

// jobVM is the VM a job's _this belongs to: the VM itself or a snapshot's VM.
func jobVM(ref types.ManagedObjectReference) *simulator.VirtualMachine {
	switch obj := simulator.Map.Get(ref).(type) {
	case *simulator.VirtualMachine:
		return obj
	case *simulator.VirtualMachineSnapshot:
		vm, _ := simulator.Map.Get(obj.Vm).(*simulator.VirtualMachine)
		return vm
	}
	return nil
}

// serveDelayedJob answers at once with a running task that performs the
// request after x.jobDelay.
func (x *extender) serveDelayedJob(w http.ResponseWriter, r *http.Request, body []byte, method *simulator.Method) {
	vm := jobVM(method.This)
	if vm == nil {
		x.next.ServeHTTP(w, r) // the simulator faults as it would
		return
	}
	header := r.Header.Clone()
	target := r.URL.String()
	task := simulator.CreateTask(vm, "job", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		time.Sleep(x.jobDelay)
		var ref types.ManagedObjectReference
		if method.Name == "MigrateVM_Task" {
			res, fault := x.migrateVM(method)
			if fault != nil {
				return nil, fault.VimFault().(types.BaseMethodFault)
			}
			ref = res.(*types.MigrateVM_TaskResponse).Returnval
		} else {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
			req.Header = header
			x.next.ServeHTTP(rec, req)
			out := rec.Body.Bytes()
			if m := faultStringRE.FindSubmatch(out); m != nil || rec.Code != http.StatusOK {
				reason := "job failed"
				if m != nil {
					reason = string(m[1])
				}
				return nil, &types.SystemError{Reason: reason}
			}
			m := returnTaskRE.FindSubmatch(out)
			if m == nil {
				return nil, &types.SystemError{Reason: "no task returned"}
			}
			ref = types.ManagedObjectReference{Type: "Task", Value: string(m[1])}
		}
		inner, ok := simulator.Map.Get(ref).(*simulator.Task)
		if !ok {
			return nil, nil
		}
		if inner.Info.Error != nil {
			return nil, inner.Info.Error.Fault
		}
		return inner.Info.Result, nil
	})
	nameTask(task, vm, delayedJobs[method.Name])
	simulator.Map.Update(task, []types.PropertyChange{{Name: "info.name", Val: method.Name}})
	go task.Run()
	writeSOAP(w, delayedResponse(method.Name, task.Self), nil)
}

// delayedResponse is the method's response carrying the task.
func delayedResponse(name string, task types.ManagedObjectReference) interface{} {
	switch name {
	case "CreateSnapshot_Task":
		return &types.CreateSnapshot_TaskResponse{Returnval: task}
	case "RevertToCurrentSnapshot_Task":
		return &types.RevertToCurrentSnapshot_TaskResponse{Returnval: task}
	case "RemoveAllSnapshots_Task":
		return &types.RemoveAllSnapshots_TaskResponse{Returnval: task}
	case "RevertToSnapshot_Task":
		return &types.RevertToSnapshot_TaskResponse{Returnval: task}
	case "RemoveSnapshot_Task":
		return &types.RemoveSnapshot_TaskResponse{Returnval: task}
	case "RelocateVM_Task":
		return &types.RelocateVM_TaskResponse{Returnval: task}
	case "MigrateVM_Task":
		return &types.MigrateVM_TaskResponse{Returnval: task}
	default:
		return &types.CloneVM_TaskResponse{Returnval: task}
	}
}

var _ = soap.Fault{}

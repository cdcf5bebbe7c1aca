package main

// SOAP methods govmomi 0.24's simulator lacks, served by an http.Handler in
// front of the simulator's own: AnswerVM, CancelTask, RebootGuest,
// MigrateVM_Task, and PowerOnVM_Task for the "asking" VMs. Every other
// request passes through untouched.
//
// Why not embed simulator objects (example_extend_test.go)? The simulator
// type-asserts Map.Get(ref).(*VirtualMachine) in many places (snapshots,
// guest operations, resource pools, ...), so replacing every VM and Task in
// the registry with a wrapper would break those. Here the registry keeps the
// simulator's own objects and only the dispatch of a few method names moves.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
	"github.com/vmware/govmomi/vim25/xml"
)

// Names of the asking VMs created by -ask (true: the power-on task is cancelable).
var askVMNames = map[string]bool{"ask-cancelable": true, "ask-noncancelable": false}

// recentTaskMax bounds ManagedEntity.recentTask per entity.
const recentTaskMax = 10

type handlerFunc func(*simulator.Method) (interface{}, *soap.Fault)

// extender is the http.Handler in front of the simulator.
type extender struct {
	next     http.Handler
	handlers map[string]handlerFunc
	ctx      *simulator.Context // for posting events

	mu    sync.Mutex // guards asks and seq; taken after the VM's lock
	asks  map[types.ManagedObjectReference]*askState
	seq   int
	asked map[string]bool // question ids answered or cancelled

	jobDelay time.Duration // -job-delay (jobs.go); 0 serves jobs at once
}

// askState tracks one asking VM.
type askState struct {
	cancelable bool
	task       *simulator.Task // the power-on task waiting for an answer, or nil
}

func newExtender(user string) *extender {
	x := &extender{
		asks:  make(map[types.ManagedObjectReference]*askState),
		asked: make(map[string]bool),
		ctx: &simulator.Context{
			Context: context.Background(),
			Map:     simulator.Map,
			Session: &simulator.Session{
				UserSession: types.UserSession{Key: "swift-esx-vcsim", UserName: user},
				Registry:    simulator.NewRegistry(),
			},
		},
	}
	x.handlers = map[string]handlerFunc{
		"AnswerVM":         x.answerVM,
		"CancelTask":       x.cancelTask,
		"RebootGuest":      x.rebootGuest,
		"RefreshDatastore": x.refreshDatastore,
		"MigrateVM_Task":   x.migrateVM,
		"PowerOnVM_Task":   x.powerOnAskVM,
	}
	x.addVolumeHandlers() // volumes.go
	simulator.Map.AddHandler(recentTasks{})

	// govmomi 0.24's VmMigratedEvent message template does not parse
	// ("{{.SourceHost.Name},"), which panics when the event is posted.
	em := simulator.Map.EventManager()
	for i, info := range em.Description.EventInfo {
		if info.Key == "VmMigratedEvent" {
			em.Description.EventInfo[i].FullFormat =
				"Migration of virtual machine {{.Vm.Name}} from {{.SourceHost.Name}} to {{.Host.Name}} completed"
		}
	}
	return x
}

// methodRE finds the first element inside the SOAP Body: the method name.
var methodRE = regexp.MustCompile(`<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?(\w+)`)

func (x *extender) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == "/screen" {
		x.serveScreen(w, r) // tuning.go
		return
	}
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, vim25.Path) {
		x.next.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	if x.isDelayedJob(body) {
		if method, err := simulator.UnmarshalBody(types.TypeFunc(), body); err == nil {
			if x.authenticated(w, r) {
				x.serveDelayedJob(w, r, body, method)
			}
			return
		}
	}

	var handler handlerFunc
	if m := methodRE.FindSubmatch(body); m != nil {
		if x.servePaging(w, r, body, string(m[1])) {
			return
		}
		if string(m[1]) == postChangesMethod {
			x.servePostChanges(w, r, body)
			return
		}
		handler = x.handlers[string(m[1])]
	}
	if handler == nil {
		x.next.ServeHTTP(w, r)
		return
	}
	method, err := simulator.UnmarshalBody(types.TypeFunc(), body)
	if err != nil || (method.Name == "PowerOnVM_Task" && !x.isAskVM(method.This)) {
		x.next.ServeHTTP(w, r) // the simulator answers (or faults) itself
		return
	}
	if !x.authenticated(w, r) {
		return
	}
	res, fault := handler(method)
	writeSOAP(w, res, fault)
}

// authenticated asks the simulator whether the request's session cookie is
// valid by replaying it as a CurrentTime call; on failure it forwards the
// simulator's fault (NotAuthenticated) to w.
func (x *extender) authenticated(w http.ResponseWriter, r *http.Request) bool {
	const probe = `<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
		`<CurrentTime xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></CurrentTime>` +
		`</soapenv:Body></soapenv:Envelope>`
	req := r.Clone(r.Context())
	req.Body = io.NopCloser(strings.NewReader(probe))
	req.ContentLength = int64(len(probe))
	rec := httptest.NewRecorder()
	x.next.ServeHTTP(rec, req)
	if rec.Code == http.StatusOK {
		return true
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = io.Copy(w, rec.Body)
	return false
}

func (x *extender) isAskVM(ref types.ManagedObjectReference) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.asks[ref] != nil
}

// lookupVM returns the VirtualMachine for ref, or the fault a server gives.
func lookupVM(ref types.ManagedObjectReference, method string) (*simulator.VirtualMachine, *soap.Fault) {
	switch obj := simulator.Map.Get(ref).(type) {
	case *simulator.VirtualMachine:
		return obj, nil
	case nil:
		return nil, simulator.Fault("The object has already been deleted or has not been completely created",
			&types.ManagedObjectNotFound{Obj: ref})
	default:
		return nil, simulator.Fault(fmt.Sprintf("%s does not implement: %s", ref, method),
			&types.MethodNotFound{Receiver: ref, Method: method})
	}
}

// AnswerVM answers the VM's pending question. A stale or unknown question id
// faults: ConcurrentAccess when that question was already answered (or its
// task cancelled), InvalidArgument otherwise. An answer to an asking VM's
// question completes its power-on.
func (x *extender) answerVM(m *simulator.Method) (interface{}, *soap.Fault) {
	req := m.Body.(*types.AnswerVM)
	vm, fault := lookupVM(req.This, m.Name)
	if fault != nil {
		return nil, fault
	}
	simulator.Map.WithLock(vm, func() {
		x.mu.Lock()
		defer x.mu.Unlock()
		q := vm.Runtime.Question
		if q == nil || q.Id != req.QuestionId {
			if x.asked[req.QuestionId] {
				fault = simulator.Fault("The question has already been answered", &types.ConcurrentAccess{})
			} else {
				fault = simulator.Fault("A specified parameter was not correct: questionId",
					&types.InvalidArgument{InvalidProperty: "questionId"})
			}
			return
		}
		valid := false
		for _, c := range q.Choice.ChoiceInfo {
			valid = valid || c.GetElementDescription().Key == req.AnswerChoice
		}
		if !valid {
			fault = simulator.Fault("A specified parameter was not correct: answerChoice",
				&types.InvalidArgument{InvalidProperty: "answerChoice"})
			return
		}
		x.asked[q.Id] = true
		setQuestion(vm, nil)
		if a := x.asks[vm.Self]; a != nil && a.task != nil {
			x.powerOn(vm)
			finishTask(a.task, nil)
			a.task = nil
		}
	})
	if fault != nil {
		return nil, fault
	}
	return &types.AnswerVMResponse{}, nil
}

// CancelTask cancels a running cancelable task: NotSupported when the task is
// not cancelable, InvalidState when it has already finished. A cancelled
// asking power-on clears the question and leaves the VM off.
func (x *extender) cancelTask(m *simulator.Method) (interface{}, *soap.Fault) {
	req := m.Body.(*types.CancelTask)
	task, ok := simulator.Map.Get(req.This).(*simulator.Task)
	if !ok {
		return nil, simulator.Fault("The object has already been deleted or has not been completely created",
			&types.ManagedObjectNotFound{Obj: req.This})
	}
	var fault *soap.Fault
	cancel := func() {
		x.mu.Lock()
		defer x.mu.Unlock()
		switch {
		case !task.Info.Cancelable:
			fault = simulator.Fault("The operation is not supported on the object.", &types.NotSupported{})
		case task.Info.State == types.TaskInfoStateSuccess || task.Info.State == types.TaskInfoStateError:
			fault = simulator.Fault("The operation is not allowed in the current state.", &types.InvalidState{})
		default:
			simulator.Map.Update(task, []types.PropertyChange{{Name: "info.cancelled", Val: true}})
			finishTask(task, &types.RequestCanceled{})
			for ref, a := range x.asks {
				if a.task == task {
					a.task = nil
					if vm, ok := simulator.Map.Get(ref).(*simulator.VirtualMachine); ok && vm.Runtime.Question != nil {
						x.asked[vm.Runtime.Question.Id] = true
						setQuestion(vm, nil)
					}
				}
			}
		}
	}
	// Lock order: the task's entity (a VM) first, then x.mu, as elsewhere.
	if e := task.Info.Entity; e != nil && simulator.Map.Get(*e) != nil {
		simulator.Map.WithLock(*e, cancel)
	} else {
		cancel()
	}
	if fault != nil {
		return nil, fault
	}
	return &types.CancelTaskResponse{}, nil
}

// RebootGuest restarts the guest OS: the VM must be powered on (VMware Tools
// count as running for every powered-on VM here). The VM stays on and its
// runtime.bootTime moves forward; no task.
func (x *extender) rebootGuest(m *simulator.Method) (interface{}, *soap.Fault) {
	vm, fault := lookupVM(m.This, m.Name)
	if fault != nil {
		return nil, fault
	}
	simulator.Map.WithLock(vm, func() {
		if state := vm.Runtime.PowerState; state != types.VirtualMachinePowerStatePoweredOn {
			fault = simulator.Fault("The attempted operation cannot be performed in the current state.",
				&types.InvalidPowerState{RequestedState: types.VirtualMachinePowerStatePoweredOn, ExistingState: state})
			return
		}
		now := time.Now()
		simulator.Map.Update(vm, []types.PropertyChange{
			{Name: "runtime.bootTime", Val: now},
			{Name: "summary.runtime.bootTime", Val: now},
		})
		x.postEvent(&types.VmGuestRebootEvent{VmEvent: vmEvent(vm)})
	})
	if fault != nil {
		return nil, fault
	}
	return &types.RebootGuestResponse{}, nil
}

// MigrateVM_Task moves a VM to another host and/or resource pool with the
// API's rules: pool defaults to the VM's current pool; host must belong to
// the pool's compute resource and may be omitted for a standalone host or a
// DRS cluster (the least loaded host is picked); pool and VM must share a
// datacenter; state, if set, must match the VM's power state (task fault).
func (x *extender) migrateVM(m *simulator.Method) (interface{}, *soap.Fault) {
	req := m.Body.(*types.MigrateVM_Task)
	vm, fault := lookupVM(req.This, m.Name)
	if fault != nil {
		return nil, fault
	}
	invalid := func(prop string) *soap.Fault {
		return simulator.Fault("A specified parameter was not correct: "+prop, &types.InvalidArgument{InvalidProperty: prop})
	}
	var res interface{}
	simulator.Map.WithLock(vm, func() {
		switch req.Priority {
		case types.VirtualMachineMovePriorityDefaultPriority, types.VirtualMachineMovePriorityHighPriority,
			types.VirtualMachineMovePriorityLowPriority:
		default:
			fault = invalid("priority")
			return
		}
		poolRef := vm.ResourcePool
		if req.Pool != nil {
			poolRef = req.Pool
		}
		if poolRef == nil {
			fault = invalid("pool")
			return
		}
		pool := resourcePool(*poolRef)
		if pool == nil {
			fault = simulator.Fault("", &types.ManagedObjectNotFound{Obj: *poolRef})
			return
		}
		cr, drs := computeResource(pool.Owner)
		if cr == nil || datacenterOf(pool.Self) != datacenterOf(vm.Self) {
			fault = invalid("pool")
			return
		}
		var hostRef types.ManagedObjectReference
		switch {
		case req.Host != nil:
			if _, ok := simulator.Map.Get(*req.Host).(*simulator.HostSystem); !ok {
				fault = simulator.Fault("", &types.ManagedObjectNotFound{Obj: *req.Host})
				return
			}
			if simulator.FindReference(cr.Host, *req.Host) == nil {
				fault = invalid("host")
				return
			}
			hostRef = *req.Host
		case len(cr.Host) == 1 && cr.Self.Type == "ComputeResource":
			hostRef = cr.Host[0]
		case drs && len(cr.Host) > 0:
			hostRef = leastLoaded(cr.Host)
		default:
			fault = invalid("host")
			return
		}

		task := simulator.CreateTask(vm, "migrateVMTask", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
			if req.State != "" && req.State != vm.Runtime.PowerState {
				return nil, &types.InvalidPowerState{RequestedState: req.State, ExistingState: vm.Runtime.PowerState}
			}
			x.move(vm, pool, cr, hostRef)
			return nil, nil
		})
		nameTask(task, vm, "VirtualMachine.migrate")
		res = &types.MigrateVM_TaskResponse{Returnval: task.Run()}
	})
	if fault != nil {
		return nil, fault
	}
	return res, nil
}

// move re-parents vm to pool and host, keeping the back references of hosts
// and pools consistent (the simulator's RelocateVM_Task does not).
func (x *extender) move(vm *simulator.VirtualMachine, pool *mo.ResourcePool, cr *mo.ComputeResource, host types.ManagedObjectReference) {
	event := vmEvent(vm)
	if old := vm.Runtime.Host; old != nil && *old != host {
		if h, ok := simulator.Map.Get(*old).(*simulator.HostSystem); ok {
			simulator.Map.RemoveReference(h, &h.Vm, vm.Self)
		}
		h := simulator.Map.Get(host).(*simulator.HostSystem)
		simulator.Map.AppendReference(h, &h.Vm, vm.Self)
	}
	if old := vm.ResourcePool; old != nil && *old != pool.Self {
		if p := resourcePool(*old); p != nil {
			simulator.Map.RemoveReference(simulator.Map.Get(*old), &p.Vm, vm.Self)
		}
		simulator.Map.AppendReference(simulator.Map.Get(pool.Self), &pool.Vm, vm.Self)
	}
	poolRef, hostRef := pool.Self, host
	changes := []types.PropertyChange{
		{Name: "resourcePool", Val: &poolRef},
		{Name: "runtime.host", Val: &hostRef},
		{Name: "summary.runtime.host", Val: &hostRef},
	}
	if cr.EnvironmentBrowser != nil {
		changes = append(changes, types.PropertyChange{Name: "environmentBrowser", Val: *cr.EnvironmentBrowser})
	}
	simulator.Map.Update(vm, changes)
	migrated := &types.VmMigratedEvent{VmEvent: vmEvent(vm), SourceDatacenter: event.Datacenter}
	if event.Host != nil {
		migrated.SourceHost = *event.Host
	}
	x.postEvent(migrated)
}

// powerOnAskVM starts a power-on that waits for an answer: the task stays
// running at 50% with runtime.question set until AnswerVM (power on, task
// succeeds) or, for ask-cancelable, CancelTask (VM stays off).
func (x *extender) powerOnAskVM(m *simulator.Method) (interface{}, *soap.Fault) {
	vm, fault := lookupVM(m.This, m.Name)
	if fault != nil {
		return nil, fault
	}
	var task *simulator.Task
	simulator.Map.WithLock(vm, func() {
		if vm.Config.Template {
			fault = simulator.Fault("cannot powerOn a template", &types.InvalidState{})
			return
		}
		x.mu.Lock()
		defer x.mu.Unlock()
		a := x.asks[vm.Self]
		task = simulator.CreateTask(vm, "powerOnVMTask", nil)
		nameTask(task, vm, "VirtualMachine.powerOn")
		now := time.Now()
		simulator.Map.Update(task, []types.PropertyChange{
			{Name: "info.startTime", Val: now},
			{Name: "info.state", Val: types.TaskInfoStateRunning},
		})
		switch {
		case vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn:
			finishTask(task, &types.InvalidPowerState{
				RequestedState: types.VirtualMachinePowerStatePoweredOn,
				ExistingState:  vm.Runtime.PowerState,
			})
		case a.task != nil:
			finishTask(task, &types.TaskInProgress{Task: a.task.Self})
		default:
			simulator.Map.Update(task, []types.PropertyChange{
				{Name: "info.cancelable", Val: a.cancelable},
				{Name: "info.progress", Val: int32(50)},
			})
			x.seq++
			setQuestion(vm, newQuestion(fmt.Sprintf("_vmx%d", x.seq), vm.Name))
			a.task = task
		}
	})
	if fault != nil {
		return nil, fault
	}
	return &types.PowerOnVM_TaskResponse{Returnval: task.Self}, nil
}

// newQuestion builds the question an asking VM poses on power-on.
func newQuestion(id, vmName string) *types.VirtualMachineQuestionInfo {
	text := fmt.Sprintf("The configuration of virtual machine '%s' was changed outside vSphere. "+
		"Keep the current identity of the virtual machine or replace it?", vmName)
	choice := func(key, label string) types.BaseElementDescription {
		return &types.ElementDescription{Key: key, Description: types.Description{Label: label, Summary: label}}
	}
	return &types.VirtualMachineQuestionInfo{
		Id:   id,
		Text: text,
		Choice: types.ChoiceOption{
			ChoiceInfo:   []types.BaseElementDescription{choice("0", "Keep"), choice("1", "Replace")},
			DefaultIndex: 1,
		},
		Message: []types.VirtualMachineMessage{{Id: "msg.vcsim.ask", Text: text}},
	}
}

// setQuestion sets or clears (q == nil) runtime.question and its summary copy.
func setQuestion(vm *simulator.VirtualMachine, q *types.VirtualMachineQuestionInfo) {
	var val interface{}
	if q != nil {
		val = *q
	}
	simulator.Map.Update(vm, []types.PropertyChange{
		{Name: "runtime.question", Val: val},
		{Name: "summary.runtime.question", Val: val},
	})
}

// powerOn switches a VM on the way the simulator's power task does.
func (x *extender) powerOn(vm *simulator.VirtualMachine) {
	on, now := types.VirtualMachinePowerStatePoweredOn, time.Now()
	simulator.Map.Update(vm, []types.PropertyChange{
		{Name: "runtime.powerState", Val: on},
		{Name: "summary.runtime.powerState", Val: on},
		{Name: "runtime.bootTime", Val: now},
		{Name: "summary.runtime.bootTime", Val: now},
	})
	event := vmEvent(vm)
	x.postEvent(&types.VmStartingEvent{VmEvent: event}, &types.VmPoweredOnEvent{VmEvent: event})
}

// nameTask gives a task the name, descriptionId and entityName vCenter uses.
func nameTask(task *simulator.Task, vm *simulator.VirtualMachine, descriptionID string) {
	simulator.Map.Update(task, []types.PropertyChange{
		{Name: "info.descriptionId", Val: descriptionID},
		{Name: "info.entityName", Val: vm.Name},
	})
}

// finishTask completes a task with success (fault == nil) or the fault.
func finishTask(task *simulator.Task, fault types.BaseMethodFault) {
	changes := []types.PropertyChange{{Name: "info.completeTime", Val: time.Now()}}
	if fault == nil {
		changes = append(changes,
			types.PropertyChange{Name: "info.state", Val: types.TaskInfoStateSuccess},
			types.PropertyChange{Name: "info.progress", Val: int32(100)})
	} else {
		msg := reflect.TypeOf(fault).Elem().Name()
		if _, ok := fault.(*types.RequestCanceled); ok {
			msg = "The task was canceled by a user."
		}
		changes = append(changes,
			types.PropertyChange{Name: "info.state", Val: types.TaskInfoStateError},
			types.PropertyChange{Name: "info.error", Val: types.LocalizedMethodFault{Fault: fault, LocalizedMessage: msg}})
	}
	simulator.Map.Update(task, changes)
}

// postEvent posts events to the EventManager as the configured user.
func (x *extender) postEvent(events ...types.BaseEvent) {
	em := simulator.Map.EventManager()
	simulator.Map.WithLock(em, func() {
		for _, e := range events {
			em.PostEvent(x.ctx, &types.PostEvent{EventToPost: e})
		}
	})
}

// vmEvent fills the entity arguments of a VmEvent.
func vmEvent(vm *simulator.VirtualMachine) types.VmEvent {
	e := types.VmEvent{Event: types.Event{Vm: &types.VmEventArgument{
		EntityEventArgument: types.EntityEventArgument{Name: vm.Name}, Vm: vm.Self}}}
	if dc := datacenterOf(vm.Self); dc != nil {
		e.Datacenter = &types.DatacenterEventArgument{
			EntityEventArgument: types.EntityEventArgument{Name: dc.Name}, Datacenter: dc.Self}
	}
	if vm.Runtime.Host != nil {
		if h, ok := simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem); ok {
			e.Host = &types.HostEventArgument{EntityEventArgument: types.EntityEventArgument{Name: h.Name}, Host: h.Self}
			if h.Parent != nil {
				if cr, _ := computeResource(*h.Parent); cr != nil {
					e.ComputeResource = &types.ComputeResourceEventArgument{
						EntityEventArgument: types.EntityEventArgument{Name: cr.Name}, ComputeResource: cr.Self}
				}
			}
		}
	}
	return e
}

// datacenterOf walks up the inventory from ref to its Datacenter.
func datacenterOf(ref types.ManagedObjectReference) *mo.ManagedEntity {
	for {
		e, ok := simulator.Map.Get(ref).(mo.Entity)
		if !ok {
			return nil
		}
		if ref.Type == "Datacenter" {
			return e.Entity()
		}
		if e.Entity().Parent == nil {
			return nil
		}
		ref = *e.Entity().Parent
	}
}

// computeResource returns a ComputeResource or cluster and whether DRS is on.
func computeResource(ref types.ManagedObjectReference) (*mo.ComputeResource, bool) {
	switch cr := simulator.Map.Get(ref).(type) {
	case *mo.ComputeResource:
		return cr, false
	case *simulator.ClusterComputeResource:
		cfg, ok := cr.ConfigurationEx.(*types.ClusterConfigInfoEx)
		return &cr.ComputeResource, ok && cfg.DrsConfig.Enabled != nil && *cfg.DrsConfig.Enabled
	}
	return nil, false
}

// resourcePool returns the pool (or vApp) part of ref, or nil.
func resourcePool(ref types.ManagedObjectReference) *mo.ResourcePool {
	switch p := simulator.Map.Get(ref).(type) {
	case *simulator.ResourcePool:
		return &p.ResourcePool
	case *simulator.VirtualApp:
		return &p.ResourcePool
	}
	return nil
}

// leastLoaded picks the host with the fewest VMs (a stand-in for DRS).
func leastLoaded(hosts []types.ManagedObjectReference) types.ManagedObjectReference {
	best, n := hosts[0], -1
	for _, ref := range hosts {
		if h, ok := simulator.Map.Get(ref).(*simulator.HostSystem); ok && (n < 0 || len(h.Vm) < n) {
			best, n = ref, len(h.Vm)
		}
	}
	return best
}

// createAskVMs adds the asking VMs, powered off, on the first host (the
// first standalone host by name if any) and its compute resource's root pool.
func (x *extender) createAskVMs(ctx context.Context, model *simulator.Model) error {
	var hosts []*simulator.HostSystem
	for _, e := range simulator.Map.All("HostSystem") {
		hosts = append(hosts, e.(*simulator.HostSystem))
	}
	if len(hosts) == 0 {
		return fmt.Errorf("the inventory has no host")
	}
	sort.Slice(hosts, func(i, j int) bool {
		si, sj := hosts[i].Parent.Type == "ComputeResource", hosts[j].Parent.Type == "ComputeResource"
		if si != sj {
			return si
		}
		return hosts[i].Name < hosts[j].Name
	})
	host := hosts[0]
	cr, _ := computeResource(*host.Parent)
	dc := datacenterOf(host.Self)
	if cr == nil || cr.ResourcePool == nil || dc == nil || len(host.Datastore) == 0 {
		return fmt.Errorf("host %s has no pool, datacenter or datastore", host.Name)
	}
	ds := simulator.Map.Get(host.Datastore[0]).(*simulator.Datastore)
	vmFolder := simulator.Map.Get(dc.Self).(*simulator.Datacenter).VmFolder

	c, err := vim25.NewClient(ctx, model.Service)
	if err != nil {
		return err
	}
	folder := object.NewFolder(c, vmFolder)
	pool := object.NewResourcePool(c, *cr.ResourcePool)
	hostObj := object.NewHostSystem(c, host.Self)
	names := []string{"ask-cancelable", "ask-noncancelable"}
	for _, name := range names {
		spec := types.VirtualMachineConfigSpec{
			Name:     name,
			GuestId:  string(types.VirtualMachineGuestOsIdentifierOtherGuest),
			NumCPUs:  1,
			MemoryMB: 32,
			Files:    &types.VirtualMachineFileInfo{VmPathName: "[" + ds.Name + "]"},
		}
		task, err := folder.CreateVM(ctx, spec, pool, hostObj)
		if err != nil {
			return err
		}
		info, err := task.WaitForResult(ctx, nil)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		x.asks[info.Result.(types.ManagedObjectReference)] = &askState{cancelable: askVMNames[name]}
	}
	return nil
}

// recentTasks is a registry handler keeping ManagedEntity.recentTask up to
// date (the simulator only maintains TaskManager.recentTask).
type recentTasks struct{}

func (recentTasks) Reference() types.ManagedObjectReference {
	return types.ManagedObjectReference{Type: "SwiftEsxRecentTasks", Value: "recent-tasks"}
}

func (recentTasks) PutObject(obj mo.Reference) {
	task, ok := obj.(*simulator.Task)
	if !ok || task.Info.Entity == nil {
		return
	}
	e, ok := simulator.Map.Get(*task.Info.Entity).(mo.Entity)
	if !ok {
		return
	}
	recent := append(append([]types.ManagedObjectReference{}, e.Entity().RecentTask...), task.Self)
	if len(recent) > recentTaskMax {
		recent = recent[len(recent)-recentTaskMax:]
	}
	simulator.Map.Update(e, []types.PropertyChange{{Name: "recentTask", Val: recent}})
}

func (recentTasks) UpdateObject(mo.Reference, []types.PropertyChange) {}
func (recentTasks) RemoveObject(types.ManagedObjectReference)         {}

// SOAP encoding, as the simulator does it (its types are unexported).

type soapEnvelope struct {
	XMLName xml.Name    `xml:"soapenv:Envelope"`
	Enc     string      `xml:"xmlns:soapenc,attr"`
	Env     string      `xml:"xmlns:soapenv,attr"`
	XSD     string      `xml:"xmlns:xsd,attr"`
	XSI     string      `xml:"xmlns:xsi,attr"`
	Body    interface{} `xml:"soapenv:Body"`
}

type soapFault struct {
	XMLName xml.Name `xml:"soapenv:Fault"`
	Code    string   `xml:"faultcode"`
	String  string   `xml:"faultstring"`
	Detail  struct {
		Fault *faultDetail
	} `xml:"detail"`
}

type faultDetail struct {
	Fault types.AnyType
}

// MarshalXML names the detail element "${Type}Fault" with an xsi:type.
func (d *faultDetail) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	kind := reflect.TypeOf(d.Fault).Elem().Name()
	start.Name.Local = kind + "Fault"
	start.Attr = append(start.Attr,
		xml.Attr{Name: xml.Name{Local: "xmlns"}, Value: "urn:" + vim25.Namespace},
		xml.Attr{Name: xml.Name{Local: "xsi:type"}, Value: kind})
	return e.EncodeElement(d.Fault, start)
}

// result encodes a method response as <FooResponse xmlns="urn:vim25">.
type result struct {
	Res interface{}
}

func (r *result) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	name := xml.Name{Space: "urn:" + vim25.Namespace, Local: reflect.TypeOf(r.Res).Elem().Name()}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeElement(r.Res, xml.StartElement{Name: name}); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

func writeSOAP(w http.ResponseWriter, res interface{}, fault *soap.Fault) {
	var body interface{} = &result{res}
	status := http.StatusOK
	if fault != nil {
		f := &soapFault{Code: fault.Code, String: fault.String}
		f.Detail.Fault = &faultDetail{fault.Detail.Fault}
		body = struct{ Fault *soapFault }{f}
		status = http.StatusInternalServerError
	}
	var out bytes.Buffer
	out.WriteString(xml.Header)
	err := xml.NewEncoder(&out).Encode(&soapEnvelope{
		Enc:  "http://schemas.xmlsoap.org/soap/encoding/",
		Env:  "http://schemas.xmlsoap.org/soap/envelope/",
		XSD:  "http://www.w3.org/2001/XMLSchema",
		XSI:  "http://www.w3.org/2001/XMLSchema-instance",
		Body: body,
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(out.Bytes())
}

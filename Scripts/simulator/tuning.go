package main

// What the tuning commands (setmem ... screenshot) need and govmomi 0.24's
// simulator lacks:
//
//   - HostSystem.capability: the simulator reports none; every host gets one
//     with maxSupportedVcpus and screenshotSupported.
//   - HostAutoStartManager: the simulator names one in each host's
//     configManager but registers no object. Each host gets its own manager
//     (config.defaults off, as on a fresh ESXi) answering ReconfigureAutostart.
//   - GET /screen?id=<vm>: ESX's screenshot URL (libvirt's esxDomainScreenshot).
//     Answers a PNG for a powered-on VM of an authenticated session.
//
// Guest information needs nothing new: ReconfigVM_Task with extraConfig
// "SET.guest.hostName" / "SET.guest.ipAddress" sets it in the simulator.

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// maxSupportedVcpus is what the simulated hosts report (ESXi 6.7's limit).
const maxSupportedVcpus = 128

// autoStartManager is a host's HostAutoStartManager.
type autoStartManager struct {
	mo.HostAutoStartManager
}

// addTuningSupport gives every host a capability (screenshotSupported as
// given) and an autostart manager.
func addTuningSupport(screenshots bool) {
	for _, e := range simulator.Map.All("HostSystem") {
		host := e.(*simulator.HostSystem)
		if host.Capability == nil {
			host.Capability = &types.HostCapability{
				CpuMemoryResourceConfigurationSupported: true,
				RebootSupported:                         true,
				ShutdownSupported:                       true,
				VmotionSupported:                        true,
				MaxSupportedVcpus:                       maxSupportedVcpus,
				ScreenshotSupported:                     screenshots,
			}
		}
		ref := types.ManagedObjectReference{Type: "HostAutoStartManager", Value: "autostart-" + host.Self.Value}
		if old := host.ConfigManager.AutoStartManager; old != nil && simulator.Map.Get(*old) == nil && host.Self.Value == "ha-host" {
			ref = *old // ESX's own name, ha-autostart-mgr
		}
		manager := &autoStartManager{}
		manager.Self = ref
		manager.Config = types.HostAutoStartManagerConfig{Defaults: &types.AutoStartDefaults{
			Enabled: types.NewBool(false), StartDelay: 120, StopDelay: 120,
			WaitForHeartbeat: types.NewBool(false), StopAction: "PowerOff",
		}}
		simulator.Map.Put(manager)
		host.ConfigManager.AutoStartManager = &ref
	}
}

// ReconfigureAutostart merges spec into the configuration as ESX does: the
// defaults that are set replace the current ones; each power info replaces
// the entry of its VM or is added. Unknown VMs and start or stop actions
// fault with InvalidArgument.
func (m *autoStartManager) ReconfigureAutostart(req *types.ReconfigureAutostart) soap.HasFault {
	body := &methods.ReconfigureAutostartBody{}
	invalid := func(prop string) soap.HasFault {
		body.Fault_ = simulator.Fault("A specified parameter was not correct: "+prop,
			&types.InvalidArgument{InvalidProperty: prop})
		return body
	}
	for _, info := range req.Spec.PowerInfo {
		if _, ok := simulator.Map.Get(info.Key).(*simulator.VirtualMachine); !ok {
			return invalid("powerInfo.key")
		}
		if !validAction(info.StartAction, "none", "poweron") {
			return invalid("powerInfo.startAction")
		}
		if !validAction(info.StopAction, "none", "systemdefault", "poweroff", "guestshutdown", "suspend") {
			return invalid("powerInfo.stopAction")
		}
	}
	if d := req.Spec.Defaults; d != nil {
		cur := m.Config.Defaults
		if d.Enabled != nil {
			cur.Enabled = d.Enabled
		}
		if d.StartDelay != 0 {
			cur.StartDelay = d.StartDelay
		}
		if d.StopDelay != 0 {
			cur.StopDelay = d.StopDelay
		}
		if d.WaitForHeartbeat != nil {
			cur.WaitForHeartbeat = d.WaitForHeartbeat
		}
		if d.StopAction != "" {
			cur.StopAction = d.StopAction
		}
	}
	for _, info := range req.Spec.PowerInfo {
		replaced := false
		for i := range m.Config.PowerInfo {
			if m.Config.PowerInfo[i].Key == info.Key {
				m.Config.PowerInfo[i] = info
				replaced = true
			}
		}
		if !replaced {
			m.Config.PowerInfo = append(m.Config.PowerInfo, info)
		}
	}
	body.Res = &types.ReconfigureAutostartResponse{}
	return body
}

func validAction(action string, allowed ...string) bool {
	for _, a := range allowed {
		if strings.EqualFold(action, a) {
			return true
		}
	}
	return false
}

// serveScreen answers GET /screen?id=<vm>: 401 without a valid session, 404
// for an unknown VM, 409 unless it is powered on, else a PNG of its "screen".
func (x *extender) serveScreen(w http.ResponseWriter, r *http.Request) {
	if !x.sessionValid(r) {
		http.Error(w, "not authenticated", http.StatusUnauthorized)
		return
	}
	ref := types.ManagedObjectReference{Type: "VirtualMachine", Value: r.URL.Query().Get("id")}
	vm, ok := simulator.Map.Get(ref).(*simulator.VirtualMachine)
	if !ok {
		http.Error(w, "no such virtual machine", http.StatusNotFound)
		return
	}
	var on bool
	var name string
	simulator.Map.WithLock(vm, func() {
		on = vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn
		name = vm.Name
	})
	if !on {
		http.Error(w, "the virtual machine is not powered on", http.StatusConflict)
		return
	}
	var out bytes.Buffer
	if err := png.Encode(&out, screenImage(name)); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", fmt.Sprint(out.Len()))
	_, _ = w.Write(out.Bytes())
}

// screenImage is a 64x48 picture whose colour depends on the VM's name.
func screenImage(name string) image.Image {
	h := fnv.New32a()
	_, _ = io.WriteString(h, name)
	sum := h.Sum32()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: uint8(sum), G: uint8(sum>>8) ^ uint8(x*4), B: uint8(sum>>16) ^ uint8(y*5), A: 255})
		}
	}
	return img
}

// sessionValid replays the request's cookie on a CurrentTime call.
func (x *extender) sessionValid(r *http.Request) bool {
	const probe = `<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
		`<CurrentTime xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></CurrentTime>` +
		`</soapenv:Body></soapenv:Envelope>`
	req := httptest.NewRequest(http.MethodPost, vim25.Path, strings.NewReader(probe))
	req.Header.Set("Content-Type", "text/xml")
	for _, c := range r.Cookies() {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	x.next.ServeHTTP(rec, req)
	return rec.Code == http.StatusOK
}

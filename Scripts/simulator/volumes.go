package main

// Virtual disks for the storage volume commands.
//
// CreateVirtualDisk_Task: govmomi 0.24's simulator creates NAME.vmdk and NAME-flat.vmdk empty
// whatever the spec says. Here the descriptor records the spec as a server's does (extent size in
// 512-byte sectors, createType, ddb.adapterType, ddb.thinProvisioned for thin disks) and the flat
// extent gets the capacity for preallocated and eagerZeroedThick disks (a sparse file) and stays
// empty for thin ones, so that tests can tell the provisioning apart from the files.
//
// ZeroFillVirtualDisk_Task: missing in govmomi 0.24. Here it overwrites the flat extent with zeros,
// keeping its size (FileNotFound when the disk does not exist).

import (
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// resolveDatastorePath maps "[ds] dir/file" to the simulator's local file.
func resolveDatastorePath(name string) (string, types.BaseMethodFault) {
	var p object.DatastorePath
	if !p.FromString(name) {
		return "", &types.InvalidDatastorePath{DatastorePath: name}
	}
	for _, e := range simulator.Map.All("Datastore") {
		ds, ok := e.(*simulator.Datastore)
		if ok && ds.Name == p.Datastore {
			return path.Join(ds.Info.GetDatastoreInfo().Url, p.Path), nil
		}
	}
	return "", &types.InvalidDatastore{Name: p.Datastore}
}

func flatName(file string) string {
	return strings.TrimSuffix(file, ".vmdk") + "-flat.vmdk"
}

func (x *extender) createVirtualDisk(m *simulator.Method) (interface{}, *soap.Fault) {
	req := m.Body.(*types.CreateVirtualDisk_Task)
	spec, ok := req.Spec.(*types.FileBackedVirtualDiskSpec)
	if !ok {
		return nil, simulator.Fault("", &types.InvalidArgument{InvalidProperty: "spec"})
	}
	task := simulator.CreateTask(simulator.Map.Get(m.This), "createVirtualDisk", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		file, fault := resolveDatastorePath(req.Name)
		if fault != nil {
			return nil, fault
		}
		if spec.CapacityKb <= 0 {
			return nil, &types.InvalidArgument{InvalidProperty: "capacityKb"}
		}
		if !strings.HasSuffix(file, ".vmdk") {
			return nil, &types.InvalidArgument{InvalidProperty: "name"}
		}
		if _, err := os.Stat(path.Dir(file)); err != nil {
			return nil, &types.FileNotFound{FileFault: types.FileFault{File: path.Dir(req.Name)}}
		}
		if _, err := os.Stat(file); err == nil {
			return nil, &types.FileAlreadyExists{FileFault: types.FileFault{File: req.Name}}
		}
		flat := flatName(file)
		size := int64(0)
		if spec.DiskType != string(types.VirtualDiskTypeThin) {
			size = spec.CapacityKb * 1024
		}
		f, err := os.Create(flat)
		if err == nil {
			err = f.Truncate(size)
			_ = f.Close()
		}
		if err != nil {
			return nil, &types.CannotCreateFile{FileFault: types.FileFault{File: req.Name}}
		}
		thin := ""
		if spec.DiskType == string(types.VirtualDiskTypeThin) {
			thin = "ddb.thinProvisioned = \"1\"\n"
		}
		descriptor := fmt.Sprintf("# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\n"+
			"createType=\"vmfs\"\n\n# Extent description\nRW %d VMFS \"%s\"\n\n# The Disk Data Base\n"+
			"ddb.adapterType = \"%s\"\nddb.diskType = \"%s\"\n%s",
			spec.CapacityKb*2, path.Base(flat), spec.AdapterType, spec.DiskType, thin)
		if err := os.WriteFile(file, []byte(descriptor), 0o644); err != nil {
			_ = os.Remove(flat)
			return nil, &types.CannotCreateFile{FileFault: types.FileFault{File: req.Name}}
		}
		return req.Name, nil
	})
	return &types.CreateVirtualDisk_TaskResponse{Returnval: task.Run()}, nil
}

func (x *extender) zeroFillVirtualDisk(m *simulator.Method) (interface{}, *soap.Fault) {
	req := m.Body.(*types.ZeroFillVirtualDisk_Task)
	task := simulator.CreateTask(simulator.Map.Get(m.This), "zeroFillVirtualDisk", func(*simulator.Task) (types.AnyType, types.BaseMethodFault) {
		file, fault := resolveDatastorePath(req.Name)
		if fault != nil {
			return nil, fault
		}
		notFound := &types.FileNotFound{FileFault: types.FileFault{File: req.Name}}
		if _, err := os.Stat(file); err != nil {
			return nil, notFound
		}
		flat := flatName(file)
		info, err := os.Stat(flat)
		if err != nil {
			return nil, notFound
		}
		// Truncating to 0 and back leaves a file of the same size that reads as zeros.
		if err := os.Truncate(flat, 0); err != nil {
			return nil, &types.CannotAccessFile{FileFault: types.FileFault{File: req.Name}}
		}
		if err := os.Truncate(flat, info.Size()); err != nil {
			return nil, &types.CannotAccessFile{FileFault: types.FileFault{File: req.Name}}
		}
		return nil, nil
	})
	return &types.ZeroFillVirtualDisk_TaskResponse{Returnval: task.Run()}, nil
}

func (x *extender) addVolumeHandlers() {
	x.handlers["CreateVirtualDisk_Task"] = x.createVirtualDisk
	x.handlers["ZeroFillVirtualDisk_Task"] = x.zeroFillVirtualDisk
}

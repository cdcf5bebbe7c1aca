import VI
import VMX

/// Builds a libvirt ``DomainDefinition`` from a VM's `config` properties, for servers whose
/// `.vmx` file cannot be read: identity, memory, vCPUs, architecture, firmware, controllers,
/// disks, CD-ROMs, floppies, network adapters and video memory.
///
/// Disk and image file names stay in the server's `[datastore] path` form.
public struct DomainDefinitionFromConfig: Sendable {
    /// The `config` values the mapping reads.
    public struct Input: Sendable {
        public var name: String
        public var uuid: String?
        public var annotation: String?
        public var memoryMB: Int32
        public var numCPU: Int32
        public var coresPerSocket: Int32?
        public var guestId: String?
        public var firmware: String?
        public var devices: [any VirtualDeviceProtocol]
        public var datacenterPath: String?
        public var moref: String?

        public init(
            name: String, uuid: String? = nil, annotation: String? = nil, memoryMB: Int32, numCPU: Int32,
            coresPerSocket: Int32? = nil, guestId: String? = nil, firmware: String? = nil,
            devices: [any VirtualDeviceProtocol] = [], datacenterPath: String? = nil, moref: String? = nil
        ) {
            self.name = name
            self.uuid = uuid
            self.annotation = annotation
            self.memoryMB = memoryMB
            self.numCPU = numCPU
            self.coresPerSocket = coresPerSocket
            self.guestId = guestId
            self.firmware = firmware
            self.devices = devices
            self.datacenterPath = datacenterPath
            self.moref = moref
        }
    }

    public init() {}

    /// The definition for `input`.
    public func definition(_ input: Input) -> DomainDefinition {
        var domain = DomainDefinition()
        domain.name = input.name
        domain.uuid = input.uuid.flatMap { DomainUUID($0) } ?? .zero
        domain.description = input.annotation.flatMap { $0.isEmpty ? nil : $0 }
        domain.memoryKiB = UInt64(max(input.memoryMB, 0)) * 1024
        domain.currentMemoryKiB = domain.memoryKiB
        domain.vcpus = max(Int(input.numCPU), 1)
        if let cores = input.coresPerSocket, cores > 1, domain.vcpus % Int(cores) == 0 {
            domain.cpuTopology = CPUTopology(sockets: domain.vcpus / Int(cores), cores: Int(cores))
        }
        domain.os.arch = Self.arch(guestId: input.guestId)
        domain.os.firmware = input.firmware == "efi" ? .efi : nil
        domain.vmware = VMwareMetadata(datacenterPath: input.datacenterPath, moref: input.moref)

        let controllers = Dictionary(
            input.devices.compactMap { device in Self.controller(device).map { (device.key, $0) } },
            uniquingKeysWith: { first, _ in first })
        domain.controllers = controllers.values.map(\.controller)
            .sorted { ($0.type.rawValue, $0.index) < ($1.type.rawValue, $1.index) }
        for device in input.devices {
            if let disk = Self.disk(device, controllers: controllers) { domain.disks.append(disk) }
            if let card = device as? any VirtualEthernetCardProtocol { domain.interfaces.append(Self.interface(card)) }
            if let video = device as? VirtualMachineVideoCard, let kib = video.videoRamSizeInKB, kib > 0 {
                domain.videos.append(DomainVideo(vramKiB: UInt64(kib), heads: video.numDisplays.map(Int.init)))
            }
        }
        return domain
    }

    /// `x86_64` for 64-bit guest ids (`ubuntu64Guest`, `windows9_64Guest`), else `i686`.
    static func arch(guestId: String?) -> DomainOS.Arch {
        guard let guestId else { return .i686 }
        return guestId.contains("64") || guestId.hasPrefix("vmkernel") ? .x86_64 : .i686
    }

    // MARK: Controllers

    /// A controller with the disk bus it carries.
    struct Controller {
        var controller: DomainController
        var bus: DomainDisk.Bus
    }

    static func controller(_ device: any VirtualDeviceProtocol) -> Controller? {
        guard let controller = device as? any VirtualControllerProtocol else { return nil }
        let index = Int(controller.busNumber)
        switch controller {
        case let scsi as any VirtualSCSIControllerProtocol:
            return Controller(controller: DomainController(type: .scsi, index: index, model: scsiModel(scsi)), bus: .scsi)
        case is VirtualIDEController:
            return Controller(controller: DomainController(type: .ide, index: index), bus: .ide)
        case is any VirtualSATAControllerProtocol:
            return Controller(controller: DomainController(type: .sata, index: index), bus: .sata)
        case is VirtualNVMEController:
            return Controller(controller: DomainController(type: .nvme, index: index), bus: .nvme)
        default:
            return nil
        }
    }

    static func scsiModel(_ controller: any VirtualSCSIControllerProtocol) -> SCSIControllerModel? {
        switch controller {
        case is VirtualLsiLogicController: return .lsilogic
        case is VirtualBusLogicController: return .buslogic
        case is VirtualLsiLogicSASController: return .lsisas1068
        case is ParaVirtualSCSIController: return .vmpvscsi
        default: return nil
        }
    }

    // MARK: Disks, CD-ROMs, floppies

    static func disk(_ device: any VirtualDeviceProtocol, controllers: [Int32: Controller]) -> DomainDisk? {
        let kind: DomainDisk.Device
        switch device {
        case is VirtualDisk: kind = .disk
        case is VirtualCdrom: kind = .cdrom
        case is VirtualFloppy: kind = .floppy
        default: return nil
        }
        let unit = Int(device.unitNumber ?? 0)
        let bus: DomainDisk.Bus
        let controllerIndex: Int
        if kind == .floppy {
            bus = .fdc
            controllerIndex = 0
        } else {
            guard let key = device.controllerKey, let controller = controllers[key] else { return nil }
            bus = controller.bus
            controllerIndex = controller.controller.index
        }
        let target = DiskNaming.target(bus: bus, controller: controllerIndex, unit: unit, wideSCSI: false)
        var disk = DomainDisk(type: .file, device: kind, target: target, bus: bus)
        disk.address = bus == .ide
            ? DriveAddress(controller: 0, bus: controllerIndex, unit: unit)
            : DriveAddress(controller: controllerIndex, unit: unit)
        switch device.backing {
        case let file as any VirtualDeviceFileBackingInfoProtocol:
            disk.source = file.fileName.isEmpty ? nil : file.fileName
        case let host as any VirtualDeviceDeviceBackingInfoProtocol:
            disk.type = .block
            disk.source = host.deviceName.isEmpty ? nil : host.deviceName
        default:
            disk.source = nil
        }
        disk.readonly = kind == .cdrom
        return disk
    }

    // MARK: Network adapters

    static func interface(_ card: any VirtualEthernetCardProtocol) -> DomainInterface {
        let connection: DomainInterface.Connection
        switch card.backing {
        case let network as VirtualEthernetCardNetworkBackingInfo:
            connection = .bridge(network: network.deviceName)
        case let port as VirtualEthernetCardDistributedVirtualPortBackingInfo:
            if let switchID = DomainUUID(port.port.switchUuid) {
                connection = .vds(DistributedPort(
                    switchID: switchID, portID: port.port.portKey.flatMap { Int64($0) },
                    portgroupID: port.port.portgroupKey, connectionID: port.port.connectionCookie.map(Int64.init)))
            } else {
                connection = .null
            }
        default:
            connection = .null
        }
        var interface = DomainInterface(connection: connection, mac: card.macAddress.flatMap { MACAddress($0) },
            model: model(card))
        if interface.mac != nil { interface.macType = card.addressType == "manual" ? .static : .generated }
        if let slot = card.slotInfo as? VirtualDevicePciBusSlotInfo {
            interface.address = PCIAddress(vmwareSlotNumber: Int64(slot.pciSlotNumber))
        }
        return interface
    }

    static func model(_ card: any VirtualEthernetCardProtocol) -> DomainInterface.Model? {
        switch card {
        case is any VirtualVmxnet3Protocol: return .vmxnet3
        case is VirtualVmxnet2: return .vmxnet2
        case is any VirtualVmxnetProtocol: return .vmxnet
        case is VirtualE1000e: return .e1000e
        case is VirtualE1000: return .e1000
        case is VirtualPCNet32: return .vlance
        default: return nil
        }
    }
}

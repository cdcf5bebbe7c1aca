@_exported import VIRuntime

import VIRuntime

/// VIFull: the rest of the vim25 API beyond `VI`. Call `VIFullTypes.register()` once before decoding.
@_exported import VI

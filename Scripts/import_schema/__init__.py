"""Schema importer for swift-esx: converts pyvmomi's vim25 type tables into `Input/vim25.input`.

Modules:
  source_pyvmomi  locate the pinned pyvmomi wheel and read its `_typeinfo_*.py` tables (no import)
  convert         turn the tables into the model (WSDL names, wire types, occurrences, versions)
  patches         the commented patch table: fixes for places where the tables are wrong
  model           the schema model the writer prints
  writer          prints the model in the `format 2` grammar of Input/README.md
  cli             the command line of Scripts/import-schema
"""

# Unit tests of Scripts/import-schema (a package so that `unittest discover -t .` can import it).

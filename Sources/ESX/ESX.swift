// The ESX driver. See README.md.

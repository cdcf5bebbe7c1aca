print("esx-bench")

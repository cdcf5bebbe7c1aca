print("esx")

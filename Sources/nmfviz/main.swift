import Animation
print("nmfviz")

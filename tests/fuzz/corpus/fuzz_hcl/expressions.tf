x = {for k, v in var.m : k => v...}
y = [for i in var.l : i if i > 0]
z = a.b[*].c[0].*.d
w = !var.x && -1 < 2 || (true ? null : "s")

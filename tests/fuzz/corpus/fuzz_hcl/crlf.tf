a = "x"
b = <<EOT
line ${x}
EOT
c = [1, 2]

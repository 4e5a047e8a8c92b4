resource "aws_rds_cluster" "legacy" {
  cluster_identifier      = "legacy"
  engine                  = "aurora-postgresql"
  master_username         = "admin"
  master_password         = "Made-up-Passw0rd-for-tests"
  storage_encrypted       = true
  backup_retention_period = 7
  deletion_protection     = true
}

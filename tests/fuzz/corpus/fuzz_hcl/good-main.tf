# A careful root configuration: no terraform.* rule fires here, including
# on the constructs a naive reader gets wrong (templates, heredocs, comments
# with "quotes" and {braces}, dynamic blocks, values from variables).
terraform {
  required_version = ">= 1.5"

  backend "s3" {
    bucket       = "example-terraform-state"
    key          = "prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region # credentials come from the environment, not "here"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "admin_cidr" {
  type        = string
  description = "office range, e.g. \"10.20.0.0/16\" // not a comment"
  default     = "10.20.0.0/16"
}

locals {
  name = "svc-${var.region}"
  tags = {
    Service = local.name
    "Owner" = "platform"
  }
  ports = [for p in [443, 8443] : p if p > 0]
}

resource "aws_security_group" "web" {
  name = local.name

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", "::/0"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "main" {
  identifier              = local.name
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  publicly_accessible     = false
  backup_retention_period = 14
  deletion_protection     = true
  password                = var.db_password
}

variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/sh
    echo "started ${local.name}" > /tmp/started
  EOT

  root_block_device {
    encrypted = true
  }

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = data.aws_iam_policy_document.read.json
}

resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "example-trail-logs"
  is_multi_region_trail         = true
  include_global_service_events = true
}

resource "aws_lb" "front" {
  name               = "front"
  load_balancer_type = "application"

  access_logs {
    bucket  = "example-lb-logs"
    enabled = true
  }
}

resource "aws_kms_key" "data" {
  description         = "data key"
  enable_key_rotation = true
}

// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The API calls of the baseline: 40+ services, 200+ event names, listed roughly by how common they are in
 * real trails and weighted along a Zipf curve (a few calls make most of the volume, a long tail is rare).
 */
final class Catalog {
  /** One API call: service, name, whether it only reads, and the shape of its parameters. */
  record Api(String service, String name, boolean readOnly, Shape shape) {
    String eventSource() {
      return service + ".amazonaws.com";
    }
  }

  /** Which request parameters and response elements a call gets. */
  enum Shape {
    NONE,
    BUCKET,
    OBJECT,
    INSTANCE,
    RUN_INSTANCES,
    SECURITY_GROUP_RULE,
    NACL_ENTRY,
    IAM_USER,
    IAM_POLICY,
    ROLE,
    ASSUME_ROLE,
    KEY,
    TRAIL,
    BUCKET_POLICY,
    SNAPSHOT,
    LOG_GROUP,
    FUNCTION,
    TABLE,
    SECRET,
    PARAMETER,
    QUEUE,
    TOPIC,
    STACK,
    CLUSTER,
    VPC_THING
  }

  private static final String TABLE =
      """
      sts AssumeRole w ASSUME_ROLE
      s3 GetObject r OBJECT
      ec2 DescribeInstances r NONE
      s3 PutObject w OBJECT
      kms Decrypt r KEY
      logs PutLogEvents w LOG_GROUP
      sts GetCallerIdentity r NONE
      dynamodb GetItem r TABLE
      s3 HeadObject r OBJECT
      lambda Invoke w FUNCTION
      kms GenerateDataKey r KEY
      ec2 DescribeSecurityGroups r NONE
      s3 ListObjects r BUCKET
      secretsmanager GetSecretValue r SECRET
      ssm GetParameter r PARAMETER
      dynamodb PutItem w TABLE
      logs CreateLogStream w LOG_GROUP
      sqs ReceiveMessage r QUEUE
      sqs SendMessage w QUEUE
      ec2 DescribeVolumes r NONE
      ecr GetAuthorizationToken r NONE
      iam GetRole r ROLE
      ec2 DescribeSubnets r NONE
      ec2 DescribeVpcs r NONE
      s3 GetBucketLocation r BUCKET
      monitoring GetMetricData r NONE
      cloudformation DescribeStacks r STACK
      ecr BatchGetImage r NONE
      ec2 DescribeNetworkInterfaces r NONE
      s3 ListBuckets r NONE
      iam ListRoles r NONE
      ssm GetParameters r PARAMETER
      sns Publish w TOPIC
      elasticloadbalancing DescribeTargetHealth r NONE
      autoscaling DescribeAutoScalingGroups r NONE
      ecs DescribeServices r CLUSTER
      ecs ListTasks r CLUSTER
      rds DescribeDBInstances r NONE
      eks DescribeCluster r CLUSTER
      iam ListAttachedRolePolicies r ROLE
      lambda GetFunction r FUNCTION
      s3 GetBucketAcl r BUCKET
      s3 GetBucketPolicy r BUCKET
      ec2 DescribeImages r NONE
      ec2 DescribeRouteTables r NONE
      ec2 DescribeNetworkAcls r NONE
      iam GetUser r IAM_USER
      iam ListUsers r NONE
      iam ListPolicies r NONE
      iam GetPolicyVersion r IAM_POLICY
      cloudtrail DescribeTrails r NONE
      cloudtrail GetTrailStatus r TRAIL
      config DescribeConfigurationRecorders r NONE
      config PutEvaluations w NONE
      guardduty ListDetectors r NONE
      securityhub GetFindings r NONE
      organizations DescribeOrganization r NONE
      organizations ListAccounts r NONE
      sso-directory DescribeUsers r NONE
      route53 ListHostedZones r NONE
      route53 ChangeResourceRecordSets w NONE
      cloudfront ListDistributions r NONE
      apigateway GetRestApis r NONE
      states StartExecution w NONE
      events PutEvents w NONE
      kinesis PutRecords w NONE
      firehose PutRecordBatch w NONE
      glue GetTable r NONE
      athena StartQueryExecution w NONE
      athena GetQueryExecution r NONE
      elasticache DescribeCacheClusters r NONE
      es DescribeDomain r NONE
      redshift DescribeClusters r NONE
      backup ListBackupJobs r NONE
      ecs RunTask w CLUSTER
      ec2 RunInstances w RUN_INSTANCES
      ec2 TerminateInstances w INSTANCE
      ec2 StartInstances w INSTANCE
      ec2 StopInstances w INSTANCE
      ec2 CreateTags w INSTANCE
      ec2 DeleteTags w INSTANCE
      ec2 AuthorizeSecurityGroupIngress w SECURITY_GROUP_RULE
      ec2 AuthorizeSecurityGroupEgress w SECURITY_GROUP_RULE
      ec2 RevokeSecurityGroupIngress w SECURITY_GROUP_RULE
      ec2 CreateSecurityGroup w VPC_THING
      ec2 DeleteSecurityGroup w VPC_THING
      ec2 CreateNetworkAclEntry w NACL_ENTRY
      ec2 ReplaceNetworkAclEntry w NACL_ENTRY
      ec2 DeleteNetworkAclEntry w NACL_ENTRY
      ec2 CreateSnapshot w SNAPSHOT
      ec2 DeleteSnapshot w SNAPSHOT
      ec2 CreateVolume w INSTANCE
      ec2 DeleteVolume w INSTANCE
      ec2 AttachVolume w INSTANCE
      ec2 CreateRoute w VPC_THING
      ec2 DeleteRoute w VPC_THING
      ec2 CreateRouteTable w VPC_THING
      ec2 CreateVpc w VPC_THING
      ec2 DeleteVpc w VPC_THING
      ec2 CreateSubnet w VPC_THING
      ec2 CreateInternetGateway w VPC_THING
      ec2 AttachInternetGateway w VPC_THING
      ec2 CreateNatGateway w VPC_THING
      ec2 CreateKeyPair w NONE
      ec2 CreateLaunchTemplate w NONE
      ec2 ModifyInstanceAttribute w INSTANCE
      ec2 CreateImage w INSTANCE
      s3 CreateBucket w BUCKET
      s3 DeleteObject w OBJECT
      s3 PutBucketTagging w BUCKET
      s3 PutBucketPolicy w BUCKET_POLICY
      s3 PutBucketVersioning w BUCKET
      s3 PutBucketEncryption w BUCKET
      s3 PutBucketPublicAccessBlock w BUCKET
      s3 DeleteBucket w BUCKET
      iam CreateRole w ROLE
      iam AttachRolePolicy w ROLE
      iam PutRolePolicy w ROLE
      iam DetachRolePolicy w ROLE
      iam DeleteRole w ROLE
      iam CreatePolicy w IAM_POLICY
      iam CreatePolicyVersion w IAM_POLICY
      iam DeletePolicy w IAM_POLICY
      iam CreateUser w IAM_USER
      iam DeleteUser w IAM_USER
      iam CreateAccessKey w IAM_USER
      iam DeleteAccessKey w IAM_USER
      iam UpdateAccessKey w IAM_USER
      iam AttachUserPolicy w IAM_USER
      iam PutUserPolicy w IAM_USER
      iam AddUserToGroup w IAM_USER
      iam CreateLoginProfile w IAM_USER
      iam UpdateLoginProfile w IAM_USER
      iam TagRole w ROLE
      iam PassRole w ROLE
      kms CreateKey w NONE
      kms Encrypt r KEY
      kms CreateGrant w KEY
      kms EnableKeyRotation w KEY
      kms DescribeKey r KEY
      kms ListAliases r NONE
      lambda CreateFunction20150331 w FUNCTION
      lambda UpdateFunctionCode20150331v2 w FUNCTION
      lambda UpdateFunctionConfiguration20150331v2 w FUNCTION
      lambda DeleteFunction20150331 w FUNCTION
      lambda AddPermission20150331v2 w FUNCTION
      lambda ListFunctions20150331 r NONE
      dynamodb CreateTable w TABLE
      dynamodb DeleteTable w TABLE
      dynamodb UpdateTable w TABLE
      dynamodb DescribeTable r TABLE
      rds CreateDBInstance w NONE
      rds DeleteDBInstance w NONE
      rds ModifyDBInstance w NONE
      rds CreateDBSnapshot w NONE
      rds DescribeDBSnapshots r NONE
      cloudformation CreateStack w STACK
      cloudformation UpdateStack w STACK
      cloudformation DeleteStack w STACK
      cloudformation ListStacks r NONE
      cloudformation GetTemplate r STACK
      logs CreateLogGroup w LOG_GROUP
      logs DeleteLogGroup w LOG_GROUP
      logs PutRetentionPolicy w LOG_GROUP
      logs DescribeLogGroups r NONE
      logs FilterLogEvents r LOG_GROUP
      monitoring PutMetricAlarm w NONE
      monitoring DeleteAlarms w NONE
      monitoring DescribeAlarms r NONE
      sns CreateTopic w TOPIC
      sns Subscribe w TOPIC
      sns ListTopics r NONE
      sqs CreateQueue w QUEUE
      sqs DeleteQueue w QUEUE
      sqs GetQueueAttributes r QUEUE
      secretsmanager CreateSecret w SECRET
      secretsmanager PutSecretValue w SECRET
      secretsmanager ListSecrets r NONE
      secretsmanager DescribeSecret r SECRET
      ssm PutParameter w PARAMETER
      ssm SendCommand w NONE
      ssm StartSession w NONE
      ssm DescribeInstanceInformation r NONE
      ecr PutImage w NONE
      ecr CreateRepository w NONE
      ecr DescribeRepositories r NONE
      ecs RegisterTaskDefinition w CLUSTER
      ecs UpdateService w CLUSTER
      ecs CreateService w CLUSTER
      eks ListClusters r NONE
      eks CreateNodegroup w CLUSTER
      elasticloadbalancing CreateLoadBalancer w NONE
      elasticloadbalancing RegisterTargets w NONE
      elasticloadbalancing ModifyListener w NONE
      autoscaling UpdateAutoScalingGroup w NONE
      autoscaling SetDesiredCapacity w NONE
      cloudtrail LookupEvents r NONE
      cloudtrail ListTags r NONE
      config GetComplianceDetailsByConfigRule r NONE
      config PutConfigRule w NONE
      guardduty GetFindings r NONE
      guardduty ListFindings r NONE
      securityhub BatchImportFindings w NONE
      access-analyzer ListAnalyzers r NONE
      organizations ListPoliciesForTarget r NONE
      organizations DescribeAccount r NONE
      sso ListAccountAssignments r NONE
      sso-oauth CreateToken w NONE
      route53 GetHostedZone r NONE
      route53domains ListDomains r NONE
      acm DescribeCertificate r NONE
      acm RequestCertificate w NONE
      wafv2 GetWebACL r NONE
      wafv2 UpdateWebACL w NONE
      cloudfront CreateInvalidation w NONE
      apigateway CreateDeployment w NONE
      states DescribeExecution r NONE
      events PutRule w NONE
      events PutTargets w NONE
      kinesis DescribeStream r NONE
      glue StartJobRun w NONE
      glue CreateCrawler w NONE
      athena GetQueryResults r NONE
      elasticache CreateCacheCluster w NONE
      es UpdateDomainConfig w NONE
      redshift CreateCluster w NONE
      backup StartBackupJob w NONE
      backup CreateBackupPlan w NONE
      ce GetCostAndUsage r NONE
      health DescribeEvents r NONE
      support DescribeCases r NONE
      trustedadvisor DescribeChecks r NONE
      servicequotas GetServiceQuota r NONE
      tagging GetResources r NONE
      account GetContactInformation r NONE
      ram GetResourceShares r NONE
      bedrock InvokeModel r NONE
      bedrock ListFoundationModels r NONE
      sagemaker ListEndpoints r NONE
      codebuild StartBuild w NONE
      codepipeline GetPipelineState r NONE
      codecommit GitPull r NONE
      ses SendEmail w NONE
      cognito-idp InitiateAuth r NONE
      elasticfilesystem DescribeFileSystems r NONE
      """;

  static final List<Api> APIS = parse();
  private static final double[] CUMULATIVE = zipf(APIS.size(), 1.05);

  private Catalog() {}

  private static List<Api> parse() {
    List<Api> out = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] p = line.trim().split(" ");
      out.add(new Api(p[0], p[1], p[2].equals("r"), Shape.valueOf(p[3])));
    }
    return List.copyOf(out);
  }

  private static double[] zipf(int n, double s) {
    double[] c = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, s);
      c[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      c[i] /= sum;
    }
    return c;
  }

  /** A call drawn along the Zipf curve; destructive calls are drawn again most of the time (they are rare). */
  static Api pick(SplittableRandom r) {
    Api a = draw(r);
    while (destructive(a) && r.nextInt(100) < 90) {
      a = draw(r);
    }
    return a;
  }

  private static boolean destructive(Api a) {
    String n = a.name();
    return n.startsWith("Delete") || n.startsWith("Terminate") || n.startsWith("Disable") || n.startsWith("Stop") || n.startsWith("Detach");
  }

  private static Api draw(SplittableRandom r) {
    double u = r.nextDouble();
    int lo = 0;
    int hi = CUMULATIVE.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CUMULATIVE[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return APIS.get(lo);
  }

  static Api find(String service, String name) {
    for (Api a : APIS) {
      if (a.service().equals(service) && a.name().equals(name)) {
        return a;
      }
    }
    return new Api(service, name, false, Shape.NONE);
  }
}

// fs-limit (shared/bench/fs-limit.c) with Hyper's layout instead of two flat directories: per experiment
// the same files and rename, but under config/generated/S/ID/TRIAL: mkdir ID, mkdir ID/.0.tmp, write a
// ~1.4 KB JSON and a ~1 KB TOML, hard-link the jar, rename ID/.0.tmp to ID/0. Hyper's sweep makes no
// serialization directory (model/generated/S/ID/TRIAL: the run makes it), so neither does this; fs-limit
// makes one (flat) where this makes the ID directory: the same count of calls. No rendering, one core.
// Build: gcc -O2 -o fs-limit-layout fs-limit-layout.c; run: fs-limit-layout N DIR
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static void put(const char*path,const char*data,size_t n){int fd=open(path,O_CREAT|O_WRONLY|O_TRUNC,0644);if(fd>=0){if(write(fd,data,n)<0)perror(path);close(fd);}}
int main(int argc,char**argv){
  int n=argc>1?atoi(argv[1]):10000; const char*root=argc>2?argv[2]:"out";
  char json[1400],toml[1000]; memset(json,'j',sizeof json); memset(toml,'t',sizeof toml);
  char p[1024],q[1100],r[1200],jar[1024];
  mkdir(root,0755);
  snprintf(p,sizeof p,"%s/config",root); mkdir(p,0755);
  snprintf(p,sizeof p,"%s/config/generated",root); mkdir(p,0755);
  snprintf(p,sizeof p,"%s/config/generated/s",root); mkdir(p,0755);
  snprintf(p,sizeof p,"%s/model",root); mkdir(p,0755);
  snprintf(p,sizeof p,"%s/model/generated",root); mkdir(p,0755);
  snprintf(p,sizeof p,"%s/model/generated/s",root); mkdir(p,0755);
  snprintf(jar,sizeof jar,"%s/config/generated/s/snap.jar",root); put(jar,json,sizeof json);
  double t0=now();
  for(int i=0;i<n;i++){
    char id[16]; snprintf(id,sizeof id,"%012x",(unsigned)(i*2654435761u));
    snprintf(p,sizeof p,"%s/config/generated/s/%s",root,id); mkdir(p,0755);
    snprintf(q,sizeof q,"%s/.0.tmp",p); mkdir(q,0755);
    snprintf(r,sizeof r,"%s/%s.json",q,id); put(r,json,sizeof json);
    snprintf(r,sizeof r,"%s/%s.toml",q,id); put(r,toml,sizeof toml);
    snprintf(r,sizeof r,"%s/model.jar",q); if(link(jar,r)<0)perror(r);
    snprintf(r,sizeof r,"%s/0",p); if(rename(q,r)<0)perror(r);
  }
  double t=now()-t0; printf("fs-limit-layout: %d experiments in %.3f s = %.0f experiments/s (one core, no rendering)\n",n,t,n/t);
  return 0;
}

package com.example.iam;

import java.util.List;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringLdapTemplateGroupsBad {

    private final LdapTemplate ldap;

    public SpringLdapTemplateGroupsBad(LdapTemplate ldap) {
        this.ldap = ldap;
    }

    @GetMapping("/iam/groups")
    public List<String> groupsOf(@RequestParam String member) {
        String filter = "(&(objectClass=groupOfUniqueNames)(uniqueMember=uid=" + member + ",ou=people,dc=example,dc=com))";
        return ldap.search("ou=groups", filter, (AttributesMapper<String>) attrs -> (String) attrs.get("cn").get());
    }
}

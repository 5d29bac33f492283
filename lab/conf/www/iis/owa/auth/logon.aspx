<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<!-- Copyright (c) 2006 Microsoft Corporation.  All rights reserved. -->
<!-- OwaPage = ASP.auth_logon_aspx -->
<!-- LAB: imitation of the Outlook Web App 2010 sign-in page, served by nginx (Hygie lab). -->
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; CHARSET=utf-8">
<meta name="Robots" content="NOINDEX, NOFOLLOW">
<title>Outlook Web App</title>
<link type="text/css" rel="stylesheet" href="/owa/14.3.513.0/themes/resources/logon.css">
</head>
<body class="owaLgnBdy">
<form action="/owa/auth/owaauth.dll" method="POST" name="logonForm" autocomplete="off">
<input type="hidden" name="destination" value="https://webmail.chu-lab.test/owa/">
<input type="hidden" name="flags" value="4">
<label for="username">Domain\user name:</label><input id="username" name="username" type="text">
<label for="password">Password:</label><input id="password" name="password" type="password">
<input type="submit" class="btn" value="Sign in">
</form>
</body>
</html>
